'use client';

import { Alert, Button, Group, List, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiPath, ROUTES, type OnboardingPath, type SchoolSummary, type SwitchPathRequest } from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSchool } from '../../api/parse';
import { QUERY_ROOTS, schoolQuery } from '../../api/queries';
import { PathName, useAppLocale } from './path-name';

interface Props {
  opened: boolean;
  school: SchoolSummary;
  current: OnboardingPath;
  /** the catalogue's other paths, at least one */
  others: [OnboardingPath, ...OnboardingPath[]];
  onClose: () => void;
}

/** Says what a switch of path does before it happens, and asks which path and whether to go ahead. */
export function SwitchPathModal({ opened, onClose, ...props }: Props) {
  const t = useTranslations('schoolPath');
  return (
    <Modal opened={opened} onClose={onClose} title={t('switchTitle')} centered size="lg">
      {/* Mounted only while open: every opening starts from the suggested path, without an old error. */}
      <SwitchPathForm {...props} onDone={onClose} />
    </Modal>
  );
}

function SwitchPathForm({
  school,
  current,
  others,
  onDone,
}: Omit<Props, 'opened' | 'onClose'> & { onDone: () => void }) {
  const t = useTranslations('schoolPath');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const locale = useAppLocale();
  const queryClient = useQueryClient();
  // A current path first: a legacy one is there for schools that still need it, not to be suggested.
  const [chosenId, setChosenId] = useState((others.find((path) => !path.legacy) ?? others[0]).id);
  const chosen = others.find((path) => path.id === chosenId) ?? others[0];

  const switchPath = useMutation({
    mutationFn: (body: SwitchPathRequest) =>
      apiRequest(apiPath(ROUTES.schools.path, { schoolId: school.id }), { method: 'POST', body, parse: parseSchool }),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: t('switched', { name: chosen.name[locale] }) });
      queryClient.setQueryData(schoolQuery(saved.id).queryKey, saved);
      // Rosters, counters, letters and reports of every class follow the path.
      void queryClient.invalidateQueries();
      onDone();
    },
    onError: (error) => {
      // Someone else switched it meanwhile: show the page as it is now.
      if (isApiError(error, 409) || isApiError(error, 400)) {
        void queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools });
      }
    },
  });
  const failure = !switchPath.isError
    ? null
    : isApiError(switchPath.error, 409)
      ? t('alreadyOn')
      : isApiError(switchPath.error, 403)
        ? t('forbidden')
        : isApiError(switchPath.error, 400)
          ? t('unknownPath')
          : tErrors(errorMessageKey(switchPath.error));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        switchPath.mutate({ pathId: chosen.id });
      }}
    >
      <Stack gap="md">
        <Text>{t('current', { name: current.name[locale] })}</Text>
        <Radio.Group label={t('choose')} value={chosen.id} onChange={setChosenId}>
          <Stack gap="xs" mt="xs">
            {others.map((path, index) => (
              <Radio.Card key={path.id} value={path.id} p="sm" radius="md" data-autofocus={index === 0 || undefined}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <Stack gap={2}>
                    <PathName path={path} locale={locale} />
                    <Text size="sm" c="dimmed">
                      {path.description[locale]}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        {chosen.legacy && (
          <Alert color="orange" variant="light">
            {t('legacyWarning')}
          </Alert>
        )}
        <div>
          <Title order={3} fz="md" mb={4}>
            {t('whatHappens')}
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>{t('keepsHistory')}</List.Item>
            <List.Item>{t('stepsRestart')}</List.Item>
            <List.Item>{t('chatsRestart')}</List.Item>
            <List.Item>{t('linksKeep')}</List.Item>
            <List.Item>{t('notesRestart')}</List.Item>
          </List>
        </div>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={switchPath.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" loading={switchPath.isPending}>
            {t('confirm', { name: chosen.name[locale] })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
