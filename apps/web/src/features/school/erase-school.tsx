'use client';

import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  apiPath,
  ROUTES,
  SchoolErasureResultSchema,
  type EraseSchoolRequest,
  type SchoolSummary,
} from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parserOf } from '../../api/parse';
import { confirmsSchoolName, mistypesSchoolName } from './school-name-confirmation';

const parseErasure = parserOf(SchoolErasureResultSchema);

/**
 * The end of the year for the whole school: erases every student and parent
 * (the API keeps classes, staff, counts and snapshots). The admin types the
 * school's name first, so that it cannot happen by a slip of the mouse.
 */
export function EraseSchoolSection({ school }: { school: SchoolSummary }) {
  const t = useTranslations('schoolErase');
  const [opened, setOpened] = useState(false);
  return (
    <Paper withBorder p="md" mt="xl" data-testid="erase-school-section">
      <Stack gap="sm" align="flex-start">
        <Text fw={600} component="h2" fz="lg" m={0}>
          {t('sectionTitle')}
        </Text>
        <Text c="dimmed" size="sm">
          {t('sectionText')}
        </Text>
        <Button color="red" variant="outline" onClick={() => setOpened(true)}>
          {t('open')}
        </Button>
      </Stack>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('title')} centered size="lg">
        {/* Mounted only while open: every opening starts with an empty confirmation. */}
        <EraseSchoolForm school={school} onDone={() => setOpened(false)} />
      </Modal>
    </Paper>
  );
}

function EraseSchoolForm({ school, onDone }: { school: SchoolSummary; onDone: () => void }) {
  const t = useTranslations('schoolErase');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const confirmed = confirmsSchoolName(typed, school.name);

  const erase = useMutation({
    mutationFn: (body: EraseSchoolRequest) =>
      apiRequest(apiPath(ROUTES.schools.eraseRoster, { schoolId: school.id }), {
        method: 'POST',
        body,
        parse: parseErasure,
      }),
    onSuccess: (result) => {
      notifications.show({
        color: result.people > 0 ? 'green' : 'blue',
        message: result.people > 0 ? t('done', { families: result.families, people: result.people }) : t('nothingLeft'),
      });
      // Rosters, counters and reports of every class changed.
      void queryClient.invalidateQueries();
      onDone();
    },
  });
  const failure = erase.isError
    ? isApiError(erase.error, 400)
      ? t('renamed')
      : tErrors(errorMessageKey(erase.error))
    : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) erase.mutate({ schoolName: school.name });
      }}
    >
      <Stack gap="md">
        <Text>{t('what', { name: school.name })}</Text>
        <Text>{t('kept')}</Text>
        <Alert color="red" variant="light">
          {t('irreversible')}
        </Alert>
        <TextInput
          label={t('confirmLabel')}
          description={t('confirmHint', { name: school.name })}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          error={mistypesSchoolName(typed, school.name) ? t('mismatch') : undefined}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={erase.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" color="red" loading={erase.isPending} disabled={!confirmed}>
            {t('submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
