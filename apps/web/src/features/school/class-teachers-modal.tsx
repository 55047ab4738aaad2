'use client';

import { Alert, Anchor, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { apiPath, leadsClasses, ROUTES, type SchoolClassSummary } from '@sferum/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSchoolClass } from '../../api/parse';
import { staffQuery } from '../../api/queries';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';

interface FormProps {
  schoolClass: SchoolClassSummary;
  onSaved: (saved: SchoolClassSummary) => void;
  onClose: () => void;
}

function TeachersForm({ schoolClass, onSaved, onClose }: FormProps) {
  const t = useTranslations('classTeachers');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const staff = useQuery(staffQuery({ schoolId: schoolClass.schoolId }));
  const [chosen, setChosen] = useState<string[] | null>(null);

  const save = useMutation({
    mutationFn: (teacherIds: string[]) =>
      apiRequest(apiPath(ROUTES.classes.teachers, { classId: schoolClass.id }), {
        method: 'PUT',
        body: { teacherIds },
        parse: parseSchoolClass,
      }),
    onSuccess: onSaved,
  });

  if (staff.isPending) return <LoadingState />;
  if (staff.isError) return <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;

  // Only active (or not yet signed-in) teachers of this school may lead the class.
  const teachers = staff.data.filter((member) => leadsClasses(member.role) && member.status !== 'deactivated');
  const available = new Set(teachers.map((teacher) => teacher.id));
  const value = chosen ?? schoolClass.teachers.map((teacher) => teacher.id).filter((id) => available.has(id));

  if (teachers.length === 0) {
    return (
      <Stack gap="md">
        <Text>{t('noTeachers')}</Text>
        <Group justify="space-between">
          <Anchor component={Link} href={`/staff?schoolId=${schoolClass.schoolId}`}>
            {t('toStaff')}
          </Anchor>
          <Button variant="default" onClick={onClose}>
            {tCommon('close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(value);
      }}
    >
      <Stack gap="md">
        {save.isError && (
          <Alert color="red" role="alert">
            {isApiError(save.error, 400) ? t('stale') : tErrors(errorMessageKey(save.error))}
          </Alert>
        )}
        <MultiSelect
          label={t('label')}
          description={t('hint')}
          placeholder={value.length === 0 ? t('placeholder') : undefined}
          data={teachers.map((teacher) => ({
            value: teacher.id,
            label: teacher.status === 'pending_setup' ? t('pending', { name: teacher.fullName }) : teacher.fullName,
          }))}
          value={value}
          onChange={setChosen}
          searchable
          clearable
          nothingFoundMessage={t('nothingFound')}
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {tCommon('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Chooses the teachers who lead a class; saving replaces the whole list. */
export function ClassTeachersModal({
  opened,
  schoolClass,
  onSaved,
  onClose,
}: Omit<FormProps, 'schoolClass'> & { opened: boolean; schoolClass: SchoolClassSummary | null }) {
  const t = useTranslations('classTeachers');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={schoolClass ? t('title', { name: schoolClass.name }) : ''}
      centered
      size="lg"
    >
      {schoolClass && <TeachersForm schoolClass={schoolClass} onSaved={onSaved} onClose={onClose} />}
    </Modal>
  );
}
