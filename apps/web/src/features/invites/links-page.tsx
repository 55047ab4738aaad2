'use client';

import { Anchor, Badge, Button, Checkbox, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FamilyInvite, InviteStatus } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorMessageKey } from '../../api/error-message';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { ActionsHeader, TableFrame } from '../../components/ui/table-frame';
import { useDialog } from '../../components/ui/use-dialog';
import { Link, useRouter } from '../../i18n/client-navigation';
import { BeforePrinting } from './before-printing';
import { formatDate } from './format-date';
import { invitesKey, invitesQuery, issueInvites, revokeInvite } from './invites-api';
import { printedCode } from './letters-model';
import { Reminders } from './reminders-section';
import { CopyValueButton } from '../../components/ui/copy-value-button';

const STATUS_COLORS: Record<InviteStatus, string> = {
  none: 'gray',
  issued: 'blue',
  opened: 'cyan',
  confirmed: 'green',
  problem: 'orange',
  // A family that does not use Sferum/MAX made a choice: grey, never a warning colour.
  opted_out: 'gray',
};

type Dialog = { kind: 'regenerate'; familyIds: string[] } | { kind: 'revoke'; familyId: string };

/** The class's parent links: issue, copy, reissue, revoke, print letters; then whom to remind. */
export function LinksPage({ classId }: { classId: string }) {
  const t = useTranslations('invites');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const router = useRouter();
  const queryClient = useQueryClient();
  const invites = useQuery(invitesQuery(classId));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const dialog = useDialog<Dialog>();

  const refresh = () => queryClient.invalidateQueries({ queryKey: invitesKey(classId) });
  const showError = (error: unknown) => notifications.show({ color: 'red', message: tErrors(errorMessageKey(error)) });

  const issue = useMutation({
    mutationFn: ({
      familyIds,
      regenerate,
    }: {
      familyIds: string[];
      regenerate: boolean;
      thenPrint?: string[] | 'all';
    }) => issueInvites(classId, { familyIds, regenerate }),
    onSuccess: async (issued, { regenerate, thenPrint }) => {
      dialog.close();
      await refresh();
      if (thenPrint) {
        const query = thenPrint === 'all' ? '' : `?families=${thenPrint.join(',')}`;
        router.push(`/classes/${classId}/letters${query}`);
        return;
      }
      notifications.show({
        color: 'green',
        message: regenerate ? t('regenerated', { count: issued.length }) : t('issued', { count: issued.length }),
      });
    },
    onError: showError,
  });

  const revoke = useMutation({
    mutationFn: (familyId: string) => revokeInvite(familyId),
    onSuccess: async () => {
      dialog.close();
      notifications.show({ color: 'green', message: t('revoked') });
      await refresh();
    },
    onError: showError,
  });

  if (invites.isPending) return <LoadingState />;
  if (invites.isError) return <ErrorState error={invites.error} onRetry={() => void invites.refetch()} />;

  const families = invites.data;
  const chosen = families.filter((family) => selected.has(family.familyId));
  const withoutLink = (list: FamilyInvite[]) => list.filter((family) => !family.link).map((family) => family.familyId);

  /** Letters need links: issue the missing ones first, then open the print view. */
  const print = (list: FamilyInvite[], thenPrint: string[] | 'all') => {
    const missing = withoutLink(list);
    if (missing.length > 0) issue.mutate({ familyIds: missing, regenerate: false, thenPrint });
    else router.push(`/classes/${classId}/letters${thenPrint === 'all' ? '' : `?families=${thenPrint.join(',')}`}`);
  };

  const toggle = (familyId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(familyId);
      else next.delete(familyId);
      return next;
    });
  const allSelected = families.length > 0 && chosen.length === families.length;

  return (
    <Stack gap="xl">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h3">
            {t('title')}
          </Title>
          <Text c="dimmed">{t('description')}</Text>
        </div>
        <BeforePrinting classId={classId} />
        {families.length === 0 ? (
          <Text>{t('empty')}</Text>
        ) : (
          <>
            <Group justify="space-between" gap="sm">
              <Group gap="sm">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('selected', { count: chosen.length })}
                </Text>
                <Button
                  size="sm"
                  disabled={withoutLink(chosen).length === 0}
                  loading={issue.isPending && !issue.variables?.regenerate && !issue.variables?.thenPrint}
                  onClick={() => issue.mutate({ familyIds: withoutLink(chosen), regenerate: false })}
                >
                  {t('issueSelected')}
                </Button>
                <Button
                  size="sm"
                  variant="default"
                  disabled={chosen.length === 0}
                  onClick={() =>
                    print(
                      chosen,
                      chosen.map((family) => family.familyId),
                    )
                  }
                >
                  {t('printSelected')}
                </Button>
                <Button
                  size="sm"
                  variant="default"
                  color="red"
                  disabled={chosen.length === 0}
                  onClick={() =>
                    dialog.open({ kind: 'regenerate', familyIds: chosen.map((family) => family.familyId) })
                  }
                >
                  {t('regenerateSelected')}
                </Button>
              </Group>
              <Button size="sm" variant="light" onClick={() => print(families, 'all')}>
                {t('printAll')}
              </Button>
            </Group>
            <TableFrame minWidth={860}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('columns.selectAll')}
                      checked={allSelected}
                      indeterminate={chosen.length > 0 && !allSelected}
                      onChange={(event) =>
                        setSelected(
                          event.currentTarget.checked ? new Set(families.map((family) => family.familyId)) : new Set(),
                        )
                      }
                    />
                  </Table.Th>
                  <Table.Th>{t('columns.family')}</Table.Th>
                  <Table.Th>{t('columns.status')}</Table.Th>
                  <Table.Th>{t('columns.lastOpened')}</Table.Th>
                  <Table.Th>{t('columns.expires')}</Table.Th>
                  <ActionsHeader label={t('columns.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {families.map((family) => (
                  <Table.Tr key={family.familyId} data-family-id={family.familyId}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${t('columns.select')}: ${family.students.join(', ')}`}
                        checked={selected.has(family.familyId)}
                        onChange={(event) => toggle(family.familyId, event.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td miw={220}>
                      <Text fw={500}>{family.students.join(', ')}</Text>
                      <Text size="sm" c="dimmed">
                        {family.parents.length > 0
                          ? t('parents', { names: family.parents.join(', ') })
                          : t('noParents')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        color={STATUS_COLORS[family.status]}
                        variant="light"
                        tt="none"
                        size="lg"
                        fw={600}
                        maw="none"
                        styles={{ label: { overflow: 'visible' } }}
                        data-status={family.status}
                      >
                        {t(`status.${family.status}`)}
                      </Badge>
                      {family.status === 'problem' && family.problems > 0 && (
                        <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'normal' }} maw={220}>
                          {t('problemDetail', { count: family.problems })}{' '}
                          <Anchor component={Link} href={`/classes/${classId}`} size="xs">
                            {t('problemLink')}
                          </Anchor>
                        </Text>
                      )}
                      {family.status === 'opted_out' && (
                        <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'normal' }} maw={220}>
                          {t('optedOutDetail')}
                        </Text>
                      )}
                      {family.status !== 'opted_out' && family.optedOut > 0 && (
                        <Text size="xs" c="dimmed" mt={4} data-testid="family-opted-out">
                          {t('optedOutSome', { count: family.optedOut })}
                        </Text>
                      )}
                      {family.code && (
                        <Text size="xs" c="dimmed" mt={4} data-family-code>
                          {t('codeLabel')}{' '}
                          <Text span ff="monospace" fz="sm" fw={600} c="var(--text)">
                            {printedCode(family.code)}
                          </Text>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(locale, family.lastOpenedAt) ?? t('never')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(locale, family.expiresAt) ?? t('never')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {family.link ? (
                          <>
                            <CopyValueButton value={family.link} label={t('copy')} copiedLabel={t('copied')} compact />
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  aria-label={`${t('columns.actions')}: ${family.students.join(', ')}`}
                                >
                                  ⋯
                                </Button>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item
                                  onClick={() => dialog.open({ kind: 'regenerate', familyIds: [family.familyId] })}
                                >
                                  {t('regenerate')}
                                </Menu.Item>
                                <Menu.Item
                                  color="red"
                                  onClick={() => dialog.open({ kind: 'revoke', familyId: family.familyId })}
                                >
                                  {t('revoke')}
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          </>
                        ) : (
                          <Button
                            size="xs"
                            variant="light"
                            loading={issue.isPending && issue.variables?.familyIds.includes(family.familyId)}
                            onClick={() => issue.mutate({ familyIds: [family.familyId], regenerate: false })}
                          >
                            {t('issueOne')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </TableFrame>
          </>
        )}
      </Stack>

      <Reminders
        classId={classId}
        invites={families}
        onIssue={(familyIds) => issue.mutate({ familyIds, regenerate: false })}
        issuing={issue.isPending && !issue.variables.regenerate ? issue.variables.familyIds : []}
      />

      <ConfirmModal
        opened={dialog.isOpen('regenerate')}
        title={
          dialog.current?.kind === 'regenerate' && dialog.current.familyIds.length > 1
            ? t('confirmRegenerateManyTitle')
            : t('confirmRegenerateTitle')
        }
        confirmLabel={
          dialog.current?.kind === 'regenerate' && dialog.current.familyIds.length > 1
            ? t('regenerateMany')
            : t('regenerate')
        }
        color="red"
        pending={issue.isPending}
        onClose={dialog.close}
        onConfirm={() => {
          if (dialog.current?.kind === 'regenerate')
            issue.mutate({ familyIds: dialog.current.familyIds, regenerate: true });
        }}
      >
        {dialog.current?.kind === 'regenerate' && dialog.current.familyIds.length > 1
          ? t('confirmRegenerateManyText', { count: dialog.current.familyIds.length })
          : t('confirmRegenerateText')}
      </ConfirmModal>
      <ConfirmModal
        opened={dialog.isOpen('revoke')}
        title={t('confirmRevokeTitle')}
        confirmLabel={t('revoke')}
        color="red"
        pending={revoke.isPending}
        onClose={dialog.close}
        onConfirm={() => {
          if (dialog.current?.kind === 'revoke') revoke.mutate(dialog.current.familyId);
        }}
      >
        {t('confirmRevokeText')}
      </ConfirmModal>
    </Stack>
  );
}
