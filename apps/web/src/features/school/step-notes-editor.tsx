'use client';

import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  apiPath,
  PATH_CATALOGUE,
  ROUTES,
  STEP_NOTE_MAX_LENGTH,
  type SchoolSummary,
  type SetStepNotesRequest,
} from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSchool } from '../../api/parse';
import { QUERY_ROOTS, schoolQuery } from '../../api/queries';
import { useAppLocale } from './path-name';
import { changedNotes, noteTooLong } from './step-notes';

/**
 * The school's short note per step of its current path, shown to parents
 * under the step. Keyed by the path by its caller, so a switch starts afresh.
 */
export function StepNotesEditor({ school }: { school: SchoolSummary }) {
  const t = useTranslations('schoolPath');
  const tErrors = useTranslations('errors');
  const locale = useAppLocale();
  const queryClient = useQueryClient();
  const path = PATH_CATALOGUE.get(school.pathId);
  const [notes, setNotes] = useState<Record<string, string>>(() =>
    Object.fromEntries(path.steps.map((step) => [step.id, school.stepNotes[step.id] ?? ''])),
  );
  const changes = changedNotes(path, school.stepNotes, notes);
  const tooLong = path.steps.some((step) => noteTooLong(notes[step.id] ?? ''));

  const save = useMutation({
    mutationFn: (body: SetStepNotesRequest) =>
      apiRequest(apiPath(ROUTES.schools.stepNotes, { schoolId: school.id }), {
        method: 'PUT',
        body,
        parse: parseSchool,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(schoolQuery(saved.id).queryKey, saved);
      setNotes(Object.fromEntries(path.steps.map((step) => [step.id, saved.stepNotes[step.id] ?? ''])));
      notifications.show({ color: 'green', message: t('notesSaved') });
    },
    onError: (error) => {
      if (isApiError(error, 400)) void queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools });
    },
  });
  const failure = !save.isError
    ? null
    : isApiError(save.error, 400)
      ? t('notesInvalid')
      : tErrors(errorMessageKey(save.error));

  return (
    <Paper withBorder p="md" mt="xl" component="section" aria-labelledby="step-notes" data-testid="step-notes">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!tooLong && changes.length > 0) save.mutate({ notes: changes });
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={2} fz="lg" id="step-notes" mb={4}>
              {t('notesHeading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('notesText')}
            </Text>
          </div>
          {path.steps.map((step, index) => {
            const value = notes[step.id] ?? '';
            return (
              <Textarea
                key={step.id}
                label={`${index + 1}. ${step.title[locale]}`}
                placeholder={t('notePlaceholder')}
                description={t('noteCount', { count: value.trim().length, max: STEP_NOTE_MAX_LENGTH })}
                error={noteTooLong(value) ? t('noteTooLong', { max: STEP_NOTE_MAX_LENGTH }) : undefined}
                value={value}
                onChange={(event) => {
                  const next = event.currentTarget.value;
                  setNotes((current) => ({ ...current, [step.id]: next }));
                }}
                autosize
                minRows={2}
                maxRows={6}
              />
            );
          })}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={changes.length === 0 || tooLong}>
              {t('notesSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
