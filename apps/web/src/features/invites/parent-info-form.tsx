'use client';

import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PARENT_CONTACT_MAX_LENGTH, type SchoolClassSummary } from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { classQuery, QUERY_ROOTS } from '../../api/queries';
import { setParentInfo } from './invites-api';
import {
  checkParentInfo,
  parentInfoProblems,
  parentInfoRequest,
  type ParentInfoProblem,
  type ParentInfoValues,
} from './letter-forms';
import { deadlineDay } from './letters-model';

const valuesOf = (schoolClass: SchoolClassSummary): ParentInfoValues => ({
  parentContact: schoolClass.parentContact ?? '',
  deadline: schoolClass.deadline ?? '',
});

/**
 * How parents reach the class teacher, and by when the school asks families
 * to be in the chats: printed on every letter and shown on the parents' page.
 * Any teacher of the class may set them.
 */
export function ParentInfoForm({ schoolClass }: { schoolClass: SchoolClassSummary }) {
  const t = useTranslations('invites.parentInfo');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const queryClient = useQueryClient();
  const headingId = useId();
  const problemText = (problem: ParentInfoProblem) =>
    problem === 'contactTooLong' ? t('contactTooLong', { max: PARENT_CONTACT_MAX_LENGTH }) : t('deadlineInvalid');

  const form = useForm<ParentInfoValues>({
    initialValues: valuesOf(schoolClass),
    validate: (values) => {
      const problems = checkParentInfo(values);
      return {
        parentContact: problems.parentContact ? problemText(problems.parentContact) : null,
        deadline: problems.deadline ? problemText(problems.deadline) : null,
      };
    },
  });

  const save = useMutation({
    mutationFn: (values: ParentInfoValues) => setParentInfo(schoolClass.id, parentInfoRequest(values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(classQuery(saved.id).queryKey, saved);
      const values = valuesOf(saved);
      form.setValues(values);
      form.resetDirty(values);
      await queryClient.invalidateQueries({ queryKey: [...QUERY_ROOTS.classes, 'list'] });
    },
    onError: (error) => {
      const problems = parentInfoProblems(error);
      if (problems.parentContact) form.setFieldError('parentContact', problemText(problems.parentContact));
      if (problems.deadline) form.setFieldError('deadline', problemText(problems.deadline));
    },
  });

  const fieldErrorShown = isApiError(save.error, 400) && Object.keys(parentInfoProblems(save.error)).length > 0;
  const contactLength = form.values.parentContact.trim().length;
  const printed = form.values.deadline ? deadlineDay(form.values.deadline, locale) : null;
  const saved = save.isSuccess && !form.isDirty();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid="parent-info-form">
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          <div>
            <Title order={4} fz="md" id={headingId} mb={4}>
              {t('heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('text')}
            </Text>
          </div>
          <Textarea
            label={t('contact')}
            description={`${t('contactHint')} ${t('count', { count: contactLength, max: PARENT_CONTACT_MAX_LENGTH })}`}
            placeholder={t('contactPlaceholder')}
            autosize
            minRows={2}
            maxRows={5}
            {...form.getInputProps('parentContact')}
            onChange={(event) => {
              form.setFieldValue('parentContact', event.currentTarget.value);
              save.reset();
            }}
          />
          <TextInput
            type="date"
            label={t('deadline')}
            description={printed ? t('deadlinePrinted', { date: printed }) : t('deadlineHint')}
            w={{ base: '100%', xs: 260 }}
            {...form.getInputProps('deadline')}
            onChange={(event) => {
              form.setFieldValue('deadline', event.currentTarget.value);
              save.reset();
            }}
          />
          {save.isError && !fieldErrorShown && (
            <Alert color="red" role="alert">
              {tErrors(errorMessageKey(save.error))}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Text size="sm" c="green.9" role="status" aria-live="polite">
              {saved ? `✓ ${t('saved')}` : ''}
            </Text>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
