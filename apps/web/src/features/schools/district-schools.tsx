'use client';

import { Anchor, Badge, Button, EmptyState, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  API_ROUTES,
  apiPath,
  PATH_CATALOGUE,
  roleMay,
  ROUTES,
  type SchoolReportRow,
  type SchoolSummary,
} from '@sferum/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { apiRequest } from '../../api/api-client';
import { parseDistrict, parseSchool } from '../../api/parse';
import { districtQuery, QUERY_ROOTS, schoolsQuery } from '../../api/queries';
import { NameModal } from '../../components/ui/name-modal';
import { ActionsHeader, TableFrame } from '../../components/ui/table-frame';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useDialog } from '../../components/ui/use-dialog';
import { Link, useRouter } from '../../i18n/client-navigation';
import { isAppLocale, routing } from '../../i18n/routing';
import { KindProgress, ProgressOverview } from '../reports/progress-overview';
import { ParentsProgress } from '../reports/progress-table';
import { districtReportQuery } from '../reports/reports-api';
import { useCurrentUser } from '../shell/current-user';

/** The school's onboarding path, marked when it is the legacy one. */
function PathCell({ pathId }: { pathId: string }) {
  const t = useTranslations('schools');
  const locale = useLocale();
  const path = PATH_CATALOGUE.get(pathId);
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">{path.name[isAppLocale(locale) ? locale : routing.defaultLocale]}</Text>
      {path.legacy && (
        <Badge color="orange" variant="light">
          {t('legacy')}
        </Badge>
      )}
    </Group>
  );
}

/** A school's progress cells, as in the district's report: its students' bar, its parents' share. */
function SchoolFigures({ row, name }: { row: SchoolReportRow | undefined; name: string }) {
  const t = useTranslations('reports.overview');
  if (!row) {
    return (
      <>
        <Table.Td />
        <Table.Td />
      </>
    );
  }
  return (
    <>
      <Table.Td>
        <KindProgress kind={row.students} label={t('students', { name })} />
      </Table.Td>
      <Table.Td ta="right">
        <ParentsProgress report={row} />
      </Table.Td>
    </>
  );
}

type Dialog = { kind: 'district' } | { kind: 'newSchool' } | { kind: 'school'; school: SchoolSummary };

/** The district admin's start page: the district's schools, and the district's own name. */
export function DistrictSchools() {
  const t = useTranslations('schools');
  const tReports = useTranslations('reports.table');
  const user = useCurrentUser();
  const router = useRouter();
  const queryClient = useQueryClient();
  const district = useQuery(districtQuery(user.districtId));
  const schools = useQuery(schoolsQuery());
  // The same figures as the district's report: one request for every school.
  const mayReport = roleMay(user.role, 'district.read');
  const report = useQuery({ ...districtReportQuery(), enabled: mayReport });
  const figures = new Map<string, SchoolReportRow>(report.data?.schools.map((row) => [row.schoolId, row]) ?? []);
  const districtName = district.data?.name ?? user.districtName;
  const dialog = useDialog<Dialog>();
  const close = dialog.close;
  const refreshSchools = () => queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={districtName}
        actions={
          <>
            <Button variant="default" onClick={() => dialog.open({ kind: 'district' })}>
              {t('renameDistrict')}
            </Button>
            <Button onClick={() => dialog.open({ kind: 'newSchool' })}>{t('addSchool')}</Button>
          </>
        }
      />

      {report.data && (
        <ProgressOverview
          total={report.data.total}
          name={districtName}
          report={{ href: '/reports/district', label: t('openReport') }}
        />
      )}

      {schools.isPending ? (
        <LoadingState />
      ) : schools.isError ? (
        <ErrorState error={schools.error} onRetry={() => void schools.refetch()} />
      ) : schools.data.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" />
      ) : (
        <TableFrame minWidth={mayReport ? 1000 : 640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('school')}</Table.Th>
              <Table.Th>{t('academicYear')}</Table.Th>
              <Table.Th ta="right">{t('classes')}</Table.Th>
              <Table.Th ta="right">{t('teachers')}</Table.Th>
              {mayReport && (
                <>
                  <Table.Th>{tReports('progress')}</Table.Th>
                  <Table.Th ta="right">{tReports('parentsProgress')}</Table.Th>
                </>
              )}
              <ActionsHeader label={t('actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schools.data.map((school) => (
              <Table.Tr key={school.id} data-testid={`school-row-${school.name}`}>
                <Table.Td miw={200}>
                  <Anchor component={Link} href={`/schools/${school.id}`} fw={500}>
                    {school.name}
                  </Anchor>
                  <PathCell pathId={school.pathId} />
                </Table.Td>
                <Table.Td data-testid="school-year">
                  {school.academicYear ?? (
                    <Text size="sm" c="dimmed">
                      {t('noYear')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{school.classCount}</Table.Td>
                <Table.Td ta="right">{school.teacherCount}</Table.Td>
                {mayReport && <SchoolFigures row={figures.get(school.id)} name={school.name} />}
                <Table.Td>
                  <Group justify="flex-end" gap="xs">
                    {/* Down to the school's classes, in figures only: its report has no names. */}
                    <Button
                      component={Link}
                      href={`/reports/schools/${school.id}`}
                      size="xs"
                      variant="subtle"
                      aria-label={t('classFiguresOf', { name: school.name })}
                    >
                      {t('classFigures')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => dialog.open({ kind: 'school', school })}
                      aria-label={t('renameSchoolOf', { name: school.name })}
                    >
                      {t('renameSchool')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableFrame>
      )}

      <NameModal
        opened={dialog.isOpen('district')}
        title={t('renameDistrictTitle')}
        label={t('districtName')}
        initialName={district.data?.name ?? user.districtName}
        submitLabel={t('save')}
        conflictMessage={t('districtNameTaken')}
        save={(name) =>
          apiRequest(apiPath(ROUTES.districts.one, { districtId: user.districtId }), {
            method: 'PATCH',
            body: { name },
            parse: parseDistrict,
          })
        }
        onSaved={() => {
          close();
          notifications.show({ color: 'green', message: t('districtRenamed') });
          void queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.districts });
          // The frame shows the district's name too: render it again on the server.
          router.refresh();
        }}
        onClose={close}
      />
      <NameModal
        opened={dialog.isOpen('newSchool')}
        title={t('addSchoolTitle')}
        label={t('schoolName')}
        submitLabel={t('add')}
        conflictMessage={t('schoolNameTaken')}
        save={(name) => apiRequest(API_ROUTES.schools, { method: 'POST', body: { name }, parse: parseSchool })}
        onSaved={(name) => {
          close();
          notifications.show({ color: 'green', message: t('schoolAdded', { name }) });
          void refreshSchools();
        }}
        onClose={close}
      />
      <NameModal
        opened={dialog.isOpen('school')}
        title={t('renameSchoolTitle')}
        label={t('schoolName')}
        initialName={dialog.current?.kind === 'school' ? dialog.current.school.name : ''}
        submitLabel={t('save')}
        conflictMessage={t('schoolNameTaken')}
        save={(name) =>
          dialog.current?.kind === 'school'
            ? apiRequest(apiPath(ROUTES.schools.one, { schoolId: dialog.current.school.id }), {
                method: 'PATCH',
                body: { name },
                parse: parseSchool,
              })
            : Promise.resolve()
        }
        onSaved={() => {
          close();
          notifications.show({ color: 'green', message: t('schoolRenamed') });
          void refreshSchools();
        }}
        onClose={close}
      />
    </>
  );
}
