'use client';

import { Badge, Button, Code, EmptyState, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { REPORTS_PREFIX, type ApiKeySummary, type CreatedApiKey } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useSyncExternalStore } from 'react';
import { errorMessageKey } from '../../api/error-message';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { NameModal } from '../../components/ui/name-modal';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { ActionsHeader, TableFrame } from '../../components/ui/table-frame';
import { useDialog } from '../../components/ui/use-dialog';
import { apiKeysQuery, createApiKey, REPORT_QUERY_ROOTS, revokeApiKey } from './reports-api';
import { SecretModal } from './secret-modal';

type Dialog = { kind: 'create' } | { kind: 'secret'; created: CreatedApiKey } | { kind: 'revoke'; key: ApiKeySummary };

const noSubscription = () => () => undefined;

/** This page's origin for the examples; empty while rendered on the server. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
}

function HowTo() {
  const t = useTranslations('apiKeys');
  const origin = useOrigin();
  const auth = `-H "Authorization: Bearer <${t('keyPlaceholder')}>"`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="api-keys-howto">
      <Title order={2} fz="xl" id="api-keys-howto" mb="xs">
        {t('howToHeading')}
      </Title>
      <Stack gap="sm">
        <Text>{t('howToRead')}</Text>
        <Text size="sm">{t('howToJson')}</Text>
        <Code block style={WRAPPED}>{`curl ${auth} ${origin}${REPORTS_PREFIX}/district`}</Code>
        <Text size="sm">{t('howToCsv')}</Text>
        <Code
          block
          style={WRAPPED}
        >{`curl ${auth} "${origin}${REPORTS_PREFIX}/district?format=csv" -o district.csv`}</Code>
        <Text size="sm">{t('howToExcel')}</Text>
        <Code
          block
          style={WRAPPED}
        >{`curl ${auth} "${origin}${REPORTS_PREFIX}/district?format=excel-csv" -o district-excel.csv`}</Code>
        <Text size="sm">{t('howToMore')}</Text>
        <Code block style={WRAPPED}>
          {`curl ${auth} ${origin}${REPORTS_PREFIX}/schools/<${t('schoolIdPlaceholder')}>\n`}
          {`curl ${auth} "${origin}${REPORTS_PREFIX}/history?from=2026-09-01&to=2026-11-30"`}
        </Code>
        <Text size="sm">{t('howToCaching')}</Text>
        <Code
          block
          style={WRAPPED}
        >{`curl ${auth} -H 'If-None-Match: <ETag>' ${origin}${REPORTS_PREFIX}/district`}</Code>
      </Stack>
    </Paper>
  );
}

/** «Ключи API»: the district admin's reporting keys; a new key's secret is shown once. */

/** Commands wrap instead of scrolling sideways: a scrolling block would need its own keyboard focus (WCAG 2.1.1). */
const WRAPPED = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

export function ApiKeysPage() {
  const t = useTranslations('apiKeys');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery());
  const dialog = useDialog<Dialog>();
  // The secret travels from the form's save to the dialog that shows it, and no further.
  const justCreated = useRef<CreatedApiKey | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: REPORT_QUERY_ROOTS.apiKeys });
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  const revoke = useMutation({
    mutationFn: (key: ApiKeySummary) => revokeApiKey(key.id),
    onSuccess: (key) => {
      dialog.close();
      notifications.show({ color: 'green', message: t('revoked', { name: key.name }) });
      void refresh();
    },
  });
  const toRevoke = dialog.current?.kind === 'revoke' ? dialog.current.key : null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<Button onClick={() => dialog.open({ kind: 'create' })}>{t('create')}</Button>}
      />
      <Stack gap="xl">
        {keys.isPending ? (
          <LoadingState />
        ) : keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : keys.data.length === 0 ? (
          <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" />
        ) : (
          <TableFrame minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('nameColumn')}</Table.Th>
                <Table.Th>{t('created')}</Table.Th>
                <Table.Th>{t('lastUsed')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <ActionsHeader label={t('actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id} data-testid="api-key-row" c={key.revokedAt ? 'dimmed' : undefined}>
                  <Table.Td fw={500}>{key.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(key.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {key.lastUsedAt ? date(key.lastUsedAt) : t('never')}
                  </Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Text size="sm" c="dimmed">
                        {t('revokedOn', { date: date(key.revokedAt) })}
                      </Text>
                    ) : (
                      <Badge color="green" variant="light" tt="none">
                        {t('active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      {!key.revokedAt && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('revokeOf', { name: key.name })}
                          onClick={() => {
                            revoke.reset();
                            dialog.open({ kind: 'revoke', key });
                          }}
                        >
                          {t('revoke')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </TableFrame>
        )}
        <HowTo />
      </Stack>

      <NameModal
        opened={dialog.isOpen('create')}
        title={t('createTitle')}
        label={t('name')}
        submitLabel={t('createSubmit')}
        conflictMessage={tErrors('conflict')}
        save={async (name) => {
          justCreated.current = await createApiKey(name);
        }}
        onSaved={() => {
          void refresh();
          if (justCreated.current) dialog.open({ kind: 'secret', created: justCreated.current });
          justCreated.current = null;
        }}
        onClose={dialog.close}
      />
      <SecretModal
        opened={dialog.isOpen('secret')}
        created={dialog.current?.kind === 'secret' ? dialog.current.created : null}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.isOpen('revoke')}
        title={t('revokeTitle')}
        confirmLabel={t('revoke')}
        color="red"
        pending={revoke.isPending}
        error={revoke.isError ? tErrors(errorMessageKey(revoke.error)) : null}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke)}
        onClose={dialog.close}
      >
        {toRevoke ? t('revokeText', { name: toRevoke.name }) : ''}
      </ConfirmModal>
    </>
  );
}
