'use client';

import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  API_ROUTES,
  apiPath,
  belongsToSchool,
  leadsClasses,
  ROUTES,
  STAFF_ROLES,
  type SchoolSummary,
  type StaffMember,
  type StaffRole,
  type StaffWithSetupLink,
} from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRequest } from '../../api/api-client';
import { formErrorsFrom, isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseStaffMember, parseStaffWithSetupLink } from '../../api/parse';
import { looksLikeEmail } from '../../auth/email';
import { useCurrentUser } from '../shell/current-user';

interface Values {
  email: string;
  fullName: string;
  role: StaffRole;
  schoolId: string | null;
}

type Outcome = { kind: 'saved'; saved: StaffMember } | { kind: 'created'; created: StaffWithSetupLink };

const SCHOOL_ROLES: readonly StaffRole[] = ['teacher', 'school_admin'];

function isStaffRole(value: string | null): value is StaffRole {
  return STAFF_ROLES.some((role) => role === value);
}

interface FormProps {
  /** The member to edit; a new account without it. */
  member?: StaffMember;
  /** The district's schools (for a district admin); a school admin adds to their own school only. */
  schools: SchoolSummary[];
  defaultSchoolId?: string;
  onCreated: (created: StaffWithSetupLink) => void;
  onSaved: (saved: StaffMember) => void;
  onClose: () => void;
}

function StaffForm({ member, schools, defaultSchoolId, onCreated, onSaved, onClose }: FormProps) {
  const t = useTranslations('staffForm');
  const tRoles = useTranslations('roles');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const user = useCurrentUser();
  // The district's account (it belongs to no school) picks the school of a new account.
  const isDistrictAdmin = !belongsToSchool(user.role);
  const isSelf = member?.id === user.id;
  // A district account stays a district account; nobody changes their own role.
  const roleLocked = isSelf || (member !== undefined && !belongsToSchool(member.role));
  const roles = member || !isDistrictAdmin ? SCHOOL_ROLES : STAFF_ROLES;

  const form = useForm<Values>({
    initialValues: {
      email: member?.email ?? '',
      fullName: member?.fullName ?? '',
      role: member?.role ?? 'teacher',
      schoolId: member?.schoolId ?? (isDistrictAdmin ? (defaultSchoolId ?? null) : user.schoolId),
    },
    validate: {
      email: (value) => (member ? null : looksLikeEmail(value) ? null : t('emailInvalid')),
      fullName: (value) => (value.trim() === '' ? t('fullNameRequired') : null),
      schoolId: (value, values) => (member || !belongsToSchool(values.role) || value ? null : t('schoolRequired')),
    },
  });

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Outcome> => {
      if (member) {
        const body = {
          fullName: values.fullName.trim(),
          ...(values.role !== member.role ? { role: values.role } : {}),
        };
        const saved = await apiRequest(apiPath(ROUTES.staff.one, { staffId: member.id }), {
          method: 'PATCH',
          body,
          parse: parseStaffMember,
        });
        return { kind: 'saved', saved };
      }
      const body = {
        email: values.email.trim(),
        fullName: values.fullName.trim(),
        role: values.role,
        ...(!belongsToSchool(values.role) || !values.schoolId ? {} : { schoolId: values.schoolId }),
      };
      const created = await apiRequest(API_ROUTES.staff, { method: 'POST', body, parse: parseStaffWithSetupLink });
      return { kind: 'created', created };
    },
    onSuccess: (outcome) => (outcome.kind === 'saved' ? onSaved(outcome.saved) : onCreated(outcome.created)),
    onError: (error) => {
      if (isApiError(error, 409)) {
        form.setFieldError('email', t('emailTaken'));
        return;
      }
      form.setErrors(
        formErrorsFrom(error, {
          email: t('emailInvalid'),
          fullName: t('fullNameRequired'),
          role: t('roleNotAllowed'),
          schoolId: t('schoolRequired'),
        }),
      );
    },
  });

  const values = form.getValues();
  const losesClasses =
    member !== undefined && leadsClasses(member.role) && !leadsClasses(values.role) && member.classIds.length > 0;
  const generalError =
    save.isError && !isApiError(save.error, 409) && !(isApiError(save.error, 400) && save.error.fields.length > 0)
      ? tErrors(errorMessageKey(save.error))
      : null;

  return (
    <form noValidate onSubmit={form.onSubmit((submitted) => save.mutate(submitted))}>
      <Stack gap="md">
        {generalError && (
          <Alert color="red" role="alert">
            {generalError}
          </Alert>
        )}
        {member ? (
          <TextInput label={t('email')} value={member.email} readOnly variant="filled" description={t('emailFixed')} />
        ) : (
          <TextInput
            label={t('email')}
            type="email"
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('email')}
          />
        )}
        <TextInput
          label={t('fullName')}
          description={t('fullNameHint')}
          required
          maxLength={200}
          autoComplete="off"
          data-autofocus={member ? true : undefined}
          {...form.getInputProps('fullName')}
        />
        <Select
          label={t('role')}
          data={roles.map((role) => ({ value: role, label: tRoles(role) }))}
          required
          allowDeselect={false}
          disabled={roleLocked}
          description={isSelf ? t('ownRole') : undefined}
          {...form.getInputProps('role')}
          onChange={(value: string | null) => {
            if (isStaffRole(value)) form.setFieldValue('role', value);
          }}
        />
        {losesClasses && (
          <Alert color="yellow" role="status">
            {t('losesClasses')}
          </Alert>
        )}
        {!member &&
          belongsToSchool(values.role) &&
          (isDistrictAdmin ? (
            <Select
              label={t('school')}
              placeholder={t('schoolPlaceholder')}
              data={schools.map((school) => ({ value: school.id, label: school.name }))}
              required
              searchable
              nothingFoundMessage={t('noSchool')}
              {...form.getInputProps('schoolId')}
            />
          ) : (
            <Text size="sm">{t('inSchool', { school: user.schoolName ?? '' })}</Text>
          ))}
        {!member && (
          <Text size="sm" c="dimmed">
            {t('linkNote')}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {member ? tCommon('save') : t('create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds a staff member (who then gets a setup link) or changes a name or role. */
export function StaffFormModal({ opened, ...props }: FormProps & { opened: boolean }) {
  const t = useTranslations('staffForm');
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.member ? t('editTitle') : t('createTitle')} centered>
      <StaffForm {...props} />
    </Modal>
  );
}
