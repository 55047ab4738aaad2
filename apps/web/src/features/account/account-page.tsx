'use client';

import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { CurrentUser } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { PageHeader } from '../../components/ui/page-header';
import { ChangePasswordForm } from './change-password-form';

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

export function AccountPage({ user }: { user: CurrentUser }) {
  const t = useTranslations('account');
  const tRoles = useTranslations('roles');
  return (
    <Stack gap="lg" maw={720}>
      <PageHeader title={t('title')} />
      <Paper withBorder p="lg" radius="md">
        <Title order={2} fz="lg" mb="md">
          {t('profile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Detail label={t('fullName')} value={user.fullName} />
          <Detail label={t('email')} value={user.email} />
          <Detail label={t('role')} value={tRoles(user.role)} />
          <Detail label={user.schoolName ? t('school') : t('district')} value={user.schoolName ?? user.districtName} />
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} fz="lg" mb="md">
          {t('changePassword')}
        </Title>
        <ChangePasswordForm />
      </Paper>
    </Stack>
  );
}
