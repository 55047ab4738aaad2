'use client';

import { Button, EmptyState, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiPath, belongsToSchool, ROUTES, type StaffMember } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSetupLink, parseStaffMember } from '../../api/parse';
import { classesQuery, QUERY_ROOTS, schoolsQuery, staffQuery } from '../../api/queries';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useDialog } from '../../components/ui/use-dialog';
import { useRouter } from '../../i18n/client-navigation';
import { useCurrentUser } from '../shell/current-user';
import { SetupLinkModal, type IssuedLink } from './setup-link-modal';
import { StaffFormModal } from './staff-form-modal';
import { StaffTable, type StaffAction } from './staff-table';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; member: StaffMember }
  | { kind: 'deactivate'; member: StaffMember }
  | { kind: 'reissue'; member: StaffMember }
  | { kind: 'link'; issued: IssuedLink };

const ALL_SCHOOLS = 'all';

/** Staff accounts of the school (school admin) or of the whole district (district admin). */
export function StaffPage() {
  const t = useTranslations('staff');
  const tErrors = useTranslations('errors');
  const user = useCurrentUser();
  // The district's account (it belongs to no school) sees the staff of every school.
  const isDistrictAdmin = !belongsToSchool(user.role);
  const router = useRouter();
  const searchParams = useSearchParams();
  const schoolFilter = (isDistrictAdmin && searchParams.get('schoolId')) || undefined;
  const queryClient = useQueryClient();
  const dialog = useDialog<Dialog>();

  const staff = useQuery(staffQuery({ schoolId: schoolFilter }));
  const schools = useQuery({ ...schoolsQuery(), enabled: isDistrictAdmin });
  const classes = useQuery(classesQuery({ schoolId: schoolFilter, includeArchived: true }));
  const schoolNames =
    isDistrictAdmin && !schoolFilter ? new Map((schools.data ?? []).map((school) => [school.id, school.name])) : null;
  const classNames = new Map((classes.data ?? []).map((schoolClass) => [schoolClass.id, schoolClass.name]));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.staff }),
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools }),
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.classes }),
    ]);

  const setStatus = useMutation({
    mutationFn: ({ member, active }: { member: StaffMember; active: boolean }) =>
      apiRequest(apiPath(active ? ROUTES.staff.activate : ROUTES.staff.deactivate, { staffId: member.id }), {
        method: 'POST',
        parse: parseStaffMember,
      }),
    onSuccess: (saved) => {
      dialog.close();
      notifications.show({
        color: 'green',
        message:
          saved.status === 'deactivated'
            ? t('deactivated', { name: saved.fullName })
            : t('activated', { name: saved.fullName }),
      });
      void refresh();
    },
    // Deactivation fails inside its confirm dialog; activation has no dialog of its own.
    onError: (error, { active }) => {
      if (active) notifications.show({ color: 'red', message: tErrors(errorMessageKey(error)) });
    },
  });

  const reissue = useMutation({
    mutationFn: (member: StaffMember) =>
      apiRequest(apiPath(ROUTES.staff.setupLink, { staffId: member.id }), { method: 'POST', parse: parseSetupLink }),
    onSuccess: (link, member) => dialog.open({ kind: 'link', issued: { member, link } }),
  });

  const onAction = (action: StaffAction, member: StaffMember) => {
    switch (action) {
      case 'edit':
        return dialog.open({ kind: 'edit', member });
      case 'reissue':
        reissue.reset();
        return dialog.open({ kind: 'reissue', member });
      case 'deactivate':
        setStatus.reset();
        return dialog.open({ kind: 'deactivate', member });
      case 'activate':
        return setStatus.mutate({ member, active: true });
    }
  };

  const target = dialog.current && 'member' in dialog.current ? dialog.current.member : null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={isDistrictAdmin ? user.districtName : (user.schoolName ?? undefined)}
        actions={<Button onClick={() => dialog.open({ kind: 'create' })}>{t('add')}</Button>}
      />

      {isDistrictAdmin && (
        <Group mb="md">
          <Select
            label={t('schoolFilter')}
            data={[
              { value: ALL_SCHOOLS, label: t('allSchools') },
              ...(schools.data ?? []).map((school) => ({ value: school.id, label: school.name })),
            ]}
            value={schoolFilter ?? ALL_SCHOOLS}
            onChange={(value) =>
              router.replace(value && value !== ALL_SCHOOLS ? `/staff?schoolId=${encodeURIComponent(value)}` : '/staff')
            }
            allowDeselect={false}
            w={{ base: '100%', sm: 360 }}
          />
        </Group>
      )}

      {staff.isPending ? (
        <LoadingState />
      ) : staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
      ) : staff.data.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" />
      ) : (
        <StaffTable members={staff.data} schoolNames={schoolNames} classNames={classNames} onAction={onAction} />
      )}

      <StaffFormModal
        opened={dialog.isOpen('create') || dialog.isOpen('edit')}
        member={dialog.current?.kind === 'edit' ? dialog.current.member : undefined}
        schools={schools.data ?? []}
        defaultSchoolId={schoolFilter}
        onCreated={(created) => {
          dialog.open({ kind: 'link', issued: { member: created.staff, link: created.setupLink } });
          void refresh();
        }}
        onSaved={(saved) => {
          dialog.close();
          notifications.show({ color: 'green', message: t('saved', { name: saved.fullName }) });
          void refresh();
        }}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.isOpen('deactivate')}
        title={t('deactivateTitle')}
        confirmLabel={t('deactivateConfirm')}
        color="red"
        pending={setStatus.isPending}
        error={setStatus.isError ? tErrors(errorMessageKey(setStatus.error)) : null}
        onConfirm={() => target && setStatus.mutate({ member: target, active: false })}
        onClose={dialog.close}
      >
        {t('deactivateText', { name: target?.fullName ?? '' })}
      </ConfirmModal>
      <ConfirmModal
        opened={dialog.isOpen('reissue')}
        title={t('reissueTitle')}
        confirmLabel={t('reissueConfirm')}
        pending={reissue.isPending}
        error={
          reissue.isError
            ? isApiError(reissue.error, 409)
              ? t('reissueDeactivated')
              : tErrors(errorMessageKey(reissue.error))
            : null
        }
        onConfirm={() => target && reissue.mutate(target)}
        onClose={dialog.close}
      >
        {t('reissueText', { name: target?.fullName ?? '' })}
      </ConfirmModal>
      <SetupLinkModal
        opened={dialog.isOpen('link')}
        issued={dialog.current?.kind === 'link' ? dialog.current.issued : null}
        onClose={dialog.close}
      />
    </>
  );
}
