'use client';

import { Alert, Button, Fieldset, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  DISPLAY_NAME_MAX_LENGTH,
  MAX_PARENTS_PER_STUDENT,
  type CreateStudentRequest,
  type FamilyMatch,
  type RosterFamily,
} from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { useChangeErrorMessage } from './labels';
import { rosterApi } from './roster-api';

interface Values {
  name: string;
  phone: string;
  parents: Array<{ name: string; phone: string }>;
}

function StudentForm({
  classId,
  onSaved,
  onClose,
}: {
  classId: string;
  onSaved: (family: RosterFamily) => void;
  onClose: () => void;
}) {
  const t = useTranslations('roster.addStudentForm');
  const tCommon = useTranslations('common');
  const tPage = useTranslations('classPage.errors');
  const errorMessage = useChangeErrorMessage();
  const nameRule = (value: string) =>
    value.trim() === '' ? t('nameRequired') : value.trim().length > DISPLAY_NAME_MAX_LENGTH ? t('nameTooLong') : null;
  const form = useForm<Values>({
    initialValues: { name: '', phone: '', parents: [{ name: '', phone: '' }] },
    validate: {
      name: nameRule,
      parents: { name: nameRule },
    },
  });
  const mutation = useMutation({
    mutationFn: (body: CreateStudentRequest) => rosterApi.addStudent(classId, body),
    onSuccess: onSaved,
    onError: (error) => {
      if (!isApiError(error, 400)) return;
      for (const field of error.fields) {
        if (field === 'phone') form.setFieldError('phone', tPage('badPhone'));
        const parentPhone = /^parents\.(\d)\.phone$/.exec(field);
        if (parentPhone) form.setFieldError(`parents.${parentPhone[1]}.phone`, tPage('badPhone'));
      }
    },
  });
  const fieldErrorShown =
    isApiError(mutation.error, 400) && mutation.error.fields.some((field) => field.endsWith('phone'));
  // A parent typed who is already a parent of the school: offered their family before a second copy is made.
  const [known, setKnown] = useState<{ body: CreateStudentRequest; match: NonNullable<FamilyMatch['match']> } | null>(
    null,
  );
  const matching = useMutation({
    mutationFn: (body: CreateStudentRequest) => rosterApi.familyMatch(classId, { parents: body.parents ?? [] }),
  });

  const submit = async (values: Values) => {
    const phone = values.phone.trim();
    const body: CreateStudentRequest = {
      displayName: values.name.trim(),
      ...(phone ? { phone } : {}),
      parents: values.parents.map((parent) => ({
        displayName: parent.name.trim(),
        ...(parent.phone.trim() ? { phone: parent.phone.trim() } : {}),
      })),
    };
    if (body.parents?.some((parent) => parent.phone)) {
      const found = await matching.mutateAsync(body).catch(() => ({ match: null }));
      if (found.match) {
        setKnown({ body, match: found.match });
        return;
      }
    }
    mutation.mutate(body);
  };

  if (known) {
    return (
      <Stack gap="md">
        <Alert color="blue" title={t('knownParentTitle')}>
          {t('knownParentText', {
            name: known.match.parentName,
            classes: known.match.classes.join(', '),
            count: known.match.classes.length,
          })}
        </Alert>
        {mutation.isError && (
          <Alert color="red" role="alert">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => mutation.mutate(known.body)} disabled={mutation.isPending}>
            {t('knownParentNo')}
          </Button>
          <Button
            data-autofocus
            loading={mutation.isPending}
            onClick={() => mutation.mutate({ ...known.body, joinFamilyOfParent: true })}
          >
            {t('knownParentYes')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form noValidate onSubmit={form.onSubmit((values) => void submit(values))}>
      <Stack gap="md">
        {mutation.isError && !fieldErrorShown && (
          <Alert color="red" role="alert">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <TextInput
          label={t('name')}
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('phone')}
          description={t('phoneHint')}
          type="tel"
          maxLength={30}
          {...form.getInputProps('phone')}
        />
        {form.values.parents.map((_parent, index) => (
          <Fieldset key={index} legend={t('parent', { number: index + 1 })} p="sm">
            <Stack gap="xs">
              <TextInput
                label={t('parentName')}
                required
                maxLength={DISPLAY_NAME_MAX_LENGTH}
                {...form.getInputProps(`parents.${index}.name`)}
              />
              <TextInput
                label={t('parentPhone')}
                type="tel"
                maxLength={30}
                {...form.getInputProps(`parents.${index}.phone`)}
              />
              <Button
                variant="subtle"
                color="gray"
                size="xs"
                onClick={() => form.removeListItem('parents', index)}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('removeParent', { number: index + 1 })}
              </Button>
            </Stack>
          </Fieldset>
        ))}
        {form.values.parents.length < MAX_PARENTS_PER_STUDENT && (
          <Button
            variant="light"
            onClick={() => form.insertListItem('parents', { name: '', phone: '' })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('addParent')}
          </Button>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending || matching.isPending}>
            {t('submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A student typed in by hand, with up to two parents. */
export function AddStudentModal({
  opened,
  classId,
  onSaved,
  onClose,
}: {
  opened: boolean;
  classId: string;
  onSaved: (family: RosterFamily) => void;
  onClose: () => void;
}) {
  const t = useTranslations('roster.addStudentForm');
  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} centered size="md">
      <StudentForm classId={classId} onSaved={onSaved} onClose={onClose} />
    </Modal>
  );
}
