'use client';

import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslations } from 'next-intl';

/** Mantine's password input with the show/hide button named in the user's language. */
export function PasswordField(props: PasswordInputProps) {
  const t = useTranslations('common');
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('togglePassword') }} {...props} />;
}
