'use client';

import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { API_ROUTES } from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { apiRequest } from '../../api/api-client';
import { getPathname } from '../../i18n/navigation';

export function SignOutButton() {
  const t = useTranslations('shell');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const signOut = useMutation({
    mutationFn: () => apiRequest(API_ROUTES.auth.logout, { method: 'POST' }),
    // A full page load also drops every cached answer of this user.
    onSuccess: () => window.location.assign(getPathname({ href: '/login', locale })),
    onError: () => notifications.show({ color: 'red', message: tErrors('network') }),
  });
  return (
    <Button variant="default" fullWidth loading={signOut.isPending} onClick={() => signOut.mutate()}>
      {t('signOut')}
    </Button>
  );
}
