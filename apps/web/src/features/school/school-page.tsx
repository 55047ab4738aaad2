'use client';

import { Anchor, Badge, Breadcrumbs, Button, EmptyState, Group, Menu, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiPath, roleMay, ROUTES, type ClassReportRow, type SchoolClassSummary } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSchool, parseSchoolClass } from '../../api/parse';
import { classesQuery, QUERY_ROOTS, schoolQuery } from '../../api/queries';
import { NameModal } from '../../components/ui/name-modal';
import { ActionsHeader, TableFrame } from '../../components/ui/table-frame';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useDialog } from '../../components/ui/use-dialog';
import { Link } from '../../i18n/client-navigation';
import { mayOpenSchool } from '../../auth/staff-areas';
import { BlockedCounts, KindProgress, ProgressOverview } from '../reports/progress-overview';
import { schoolReportQuery } from '../reports/reports-api';
import { useCurrentUser } from '../shell/current-user';
import { ClassFormModal } from './class-form-modal';
import { ClassTeachersModal } from './class-teachers-modal';
import { EraseSchoolSection } from './erase-school';
import { NewYearSection } from './new-year';
import { SchoolChatMembers } from './school-chat-members';
import { SchoolPathSection } from './school-path';
import { StepNotesEditor } from './step-notes-editor';

/** A class's progress cells: its students, its parents, who is blocked; a dash where the report has no row (archived). */
function ClassFigures({ row, name }: { row: ClassReportRow | undefined; name: string }) {
  const t = useTranslations('reports.overview');
  if (!row) {
    return (
      <>
        {[0, 1, 2].map((cell) => (
          <Table.Td key={cell}>
            <Text c="dimmed" size="sm">
              —
            </Text>
          </Table.Td>
        ))}
      </>
    );
  }
  return (
    <>
      <Table.Td>
        <KindProgress kind={row.students} label={t('students', { name })} />
      </Table.Td>
      <Table.Td>
        <KindProgress kind={row.parents} label={t('parents', { name })} />
      </Table.Td>
      <Table.Td>
        <BlockedCounts report={row} />
      </Table.Td>
    </>
  );
}

type Dialog =
  | { kind: 'addClass' }
  | { kind: 'editClass'; schoolClass: SchoolClassSummary }
  | { kind: 'teachers'; schoolClass: SchoolClassSummary }
  | { kind: 'renameSchool' };

/** One school: its classes with their teachers, managed by the school admin or the district admin. */
export function SchoolPage({ schoolId }: { schoolId: string }) {
  const t = useTranslations('school');
  const tReports = useTranslations('reports');
  const tErrors = useTranslations('errors');
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const school = useQuery(schoolQuery(schoolId));
  const classes = useQuery(classesQuery({ schoolId, includeArchived: true }));
  // The same figures as the school's report: one request for every class.
  const mayReport = roleMay(user.role, 'school.report');
  const report = useQuery({ ...schoolReportQuery(schoolId), enabled: mayReport });
  const figures = new Map<string, ClassReportRow>(
    report.data?.classes.map((schoolClass) => [schoolClass.classId, schoolClass]) ?? [],
  );
  const [showArchived, setShowArchived] = useState(false);
  const dialog = useDialog<Dialog>();
  const close = dialog.close;
  // The district's account sees this school among the district's others.
  const fromDistrict = roleMay(user.role, 'district.read');
  // The API decides too; this only spares a teacher buttons that would answer 403.
  const canManage = mayOpenSchool(user, schoolId);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.classes }),
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools }),
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.staff }),
    ]);

  const archive = useMutation({
    mutationFn: ({ schoolClass, archived }: { schoolClass: SchoolClassSummary; archived: boolean }) =>
      apiRequest(apiPath(ROUTES.classes.one, { classId: schoolClass.id }), {
        method: 'PATCH',
        body: { archived },
        parse: parseSchoolClass,
      }),
    onSuccess: (saved) => {
      notifications.show({
        color: 'green',
        message: saved.archived ? t('archived', { name: saved.name }) : t('restored', { name: saved.name }),
      });
      void refresh();
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: isApiError(error, 409) ? t('restoreConflict') : tErrors(errorMessageKey(error)),
      }),
  });

  if (school.isPending) return <LoadingState />;
  if (school.isError) {
    return isApiError(school.error, 404) ? (
      <EmptyState title={t('notFoundTitle')} description={t('notFoundText')} py="xl" />
    ) : (
      <ErrorState error={school.error} onRetry={() => void school.refetch()} />
    );
  }

  const visible = classes.data?.filter((schoolClass) => showArchived || !schoolClass.archived) ?? [];
  const archivedCount = classes.data?.filter((schoolClass) => schoolClass.archived).length ?? 0;
  const staffHref = fromDistrict ? `/staff?schoolId=${schoolId}` : '/staff';

  return (
    <>
      {fromDistrict && (
        <Breadcrumbs mb="sm" fz="sm">
          <Anchor component={Link} href="/schools">
            {t('allSchools')}
          </Anchor>
          <Text size="sm">{school.data.name}</Text>
        </Breadcrumbs>
      )}
      <PageHeader
        title={school.data.name}
        description={
          <>
            {t('summary', { classes: school.data.classCount, teachers: school.data.teacherCount })}
            {school.data.academicYear && (
              <span data-testid="school-academic-year">{` · ${t('yearLine', { year: school.data.academicYear })}`}</span>
            )}
          </>
        }
        actions={
          <>
            {roleMay(user.role, 'school.rename') && (
              <Button variant="default" onClick={() => dialog.open({ kind: 'renameSchool' })}>
                {t('rename')}
              </Button>
            )}
            <Button component={Link} href={staffHref} variant="default">
              {t('staff')}
            </Button>
            <Button onClick={() => dialog.open({ kind: 'addClass' })}>{t('addClass')}</Button>
          </>
        }
      />

      {report.data && (
        <ProgressOverview
          total={report.data.total}
          name={school.data.name}
          report={{ href: `/reports/schools/${schoolId}`, label: t('openReport') }}
        />
      )}

      <SchoolPathSection school={school.data} canManage={canManage} />

      <Group justify="space-between" mb="sm">
        <Text fw={600} component="h2" fz="lg" m={0}>
          {t('classesHeading')}
        </Text>
        {archivedCount > 0 && (
          <Switch
            label={t('showArchived', { count: archivedCount })}
            checked={showArchived}
            onChange={(event) => setShowArchived(event.currentTarget.checked)}
          />
        )}
      </Group>

      {classes.isPending ? (
        <LoadingState />
      ) : classes.isError ? (
        <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />
      ) : visible.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" />
      ) : (
        <TableFrame minWidth={mayReport ? 980 : 560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('class')}</Table.Th>
              <Table.Th>{t('teachers')}</Table.Th>
              {mayReport && (
                <>
                  <Table.Th>{tReports('table.progress')}</Table.Th>
                  <Table.Th>{tReports('table.parentsProgress')}</Table.Th>
                  <Table.Th>{tReports('totals.statuses.blocked')}</Table.Th>
                </>
              )}
              <ActionsHeader label={t('actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((schoolClass) => (
              <Table.Tr key={schoolClass.id} data-testid={`class-row-${schoolClass.name}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {/* The class's own page, with this admin's rights; an archived class has none to open. */}
                    {schoolClass.archived ? (
                      <Text fw={600} fz="lg">
                        {schoolClass.name}
                      </Text>
                    ) : (
                      <Anchor component={Link} href={`/classes/${schoolClass.id}`} fw={600} fz="lg">
                        {schoolClass.name}
                      </Anchor>
                    )}
                    {schoolClass.archived && (
                      <Badge color="gray" variant="light">
                        {t('archivedBadge')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('yearLine', { year: schoolClass.academicYear })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {schoolClass.teachers.length > 0 ? (
                    schoolClass.teachers.map((teacher) => teacher.fullName).join(', ')
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('noTeachers')}
                    </Text>
                  )}
                </Table.Td>
                {mayReport && <ClassFigures row={figures.get(schoolClass.id)} name={schoolClass.name} />}
                <Table.Td>
                  <Group justify="flex-end">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button size="xs" variant="subtle" aria-label={t('actionsOf', { name: schoolClass.name })}>
                          {t('actions')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => dialog.open({ kind: 'teachers', schoolClass })}>
                          {t('assignTeachers')}
                        </Menu.Item>
                        <Menu.Item onClick={() => dialog.open({ kind: 'editClass', schoolClass })}>
                          {t('edit')}
                        </Menu.Item>
                        <Menu.Item onClick={() => archive.mutate({ schoolClass, archived: !schoolClass.archived })}>
                          {schoolClass.archived ? t('restore') : t('archive')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableFrame>
      )}

      {canManage && classes.data && <SchoolChatMembers school={school.data} classes={classes.data} />}

      {/* A new path has other steps: its notes start from what the API keeps for them. */}
      {canManage && <StepNotesEditor key={school.data.pathId} school={school.data} />}

      {canManage && <NewYearSection school={school.data} />}

      <EraseSchoolSection school={school.data} />

      <ClassFormModal
        opened={dialog.isOpen('addClass') || dialog.isOpen('editClass')}
        schoolId={schoolId}
        schoolClass={dialog.current?.kind === 'editClass' ? dialog.current.schoolClass : undefined}
        onSaved={(saved) => {
          notifications.show({
            color: 'green',
            message:
              dialog.current?.kind === 'editClass'
                ? t('classSaved', { name: saved.name })
                : t('classAdded', { name: saved.name }),
          });
          close();
          void refresh();
        }}
        onClose={close}
      />
      <ClassTeachersModal
        opened={dialog.isOpen('teachers')}
        schoolClass={dialog.current?.kind === 'teachers' ? dialog.current.schoolClass : null}
        onSaved={(saved) => {
          notifications.show({ color: 'green', message: t('teachersSaved', { name: saved.name }) });
          close();
          void refresh();
        }}
        onClose={close}
      />
      <NameModal
        opened={dialog.isOpen('renameSchool')}
        title={t('renameTitle')}
        label={t('schoolName')}
        initialName={school.data.name}
        submitLabel={t('save')}
        conflictMessage={t('nameTaken')}
        save={(name) =>
          apiRequest(apiPath(ROUTES.schools.one, { schoolId }), { method: 'PATCH', body: { name }, parse: parseSchool })
        }
        onSaved={() => {
          notifications.show({ color: 'green', message: t('renamed') });
          close();
          void refresh();
        }}
        onClose={close}
      />
    </>
  );
}
