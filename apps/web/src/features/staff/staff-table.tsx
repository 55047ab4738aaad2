'use client';

import { Button, Group, Menu, Table, Text } from '@mantine/core';
import type { StaffMember } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { ActionsHeader, TableFrame } from '../../components/ui/table-frame';
import { useCurrentUser } from '../shell/current-user';
import { StaffStatusBadge } from './staff-status-badge';

export type StaffAction = 'edit' | 'reissue' | 'deactivate' | 'activate';

interface Props {
  members: StaffMember[];
  /** School names by id, for a column when the list spans schools (a district admin's "all schools"). */
  schoolNames: Map<string, string> | null;
  classNames: Map<string, string>;
  onAction: (action: StaffAction, member: StaffMember) => void;
}

export function StaffTable({ members, schoolNames, classNames, onAction }: Props) {
  const t = useTranslations('staff');
  const tRoles = useTranslations('roles');
  const user = useCurrentUser();

  return (
    <TableFrame minWidth={schoolNames ? 880 : 720}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('member')}</Table.Th>
          <Table.Th>{t('role')}</Table.Th>
          {schoolNames && <Table.Th>{t('school')}</Table.Th>}
          <Table.Th>{t('status')}</Table.Th>
          <Table.Th>{t('classes')}</Table.Th>
          <ActionsHeader label={t('actions')} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((member) => {
          const isSelf = member.id === user.id;
          const classes = member.classIds.map((id) => classNames.get(id)).filter((name) => name !== undefined);
          return (
            <Table.Tr key={member.id} data-testid={`staff-row-${member.email}`}>
              <Table.Td>
                <Group gap={6}>
                  <Text fw={500}>{member.fullName}</Text>
                  {isSelf && (
                    <Text span size="sm" c="dimmed">
                      {t('you')}
                    </Text>
                  )}
                </Group>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {member.email}
                </Text>
              </Table.Td>
              <Table.Td>{tRoles(member.role)}</Table.Td>
              {schoolNames && (
                <Table.Td>
                  {member.schoolId ? (
                    (schoolNames.get(member.schoolId) ?? '—')
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('districtLevel')}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StaffStatusBadge status={member.status} />
              </Table.Td>
              <Table.Td>{classes.length > 0 ? classes.join(', ') : <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button size="xs" variant="subtle" aria-label={t('actionsOf', { name: member.fullName })}>
                        {t('actions')}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onAction('edit', member)}>{t('edit')}</Menu.Item>
                      {!isSelf && member.status !== 'deactivated' && (
                        <Menu.Item onClick={() => onAction('reissue', member)}>{t('reissue')}</Menu.Item>
                      )}
                      {!isSelf && member.status !== 'deactivated' && (
                        <Menu.Item color="red" onClick={() => onAction('deactivate', member)}>
                          {t('deactivate')}
                        </Menu.Item>
                      )}
                      {member.status === 'deactivated' && (
                        <Menu.Item onClick={() => onAction('activate', member)}>{t('activate')}</Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableFrame>
  );
}
