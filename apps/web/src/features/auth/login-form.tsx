'use client';

import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { API_ROUTES, type LoginRequest } from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { parseCurrentUser } from '../../api/parse';
import { looksLikeEmail } from '../../auth/email';
import { landingPath } from '../../auth/staff-areas';
import { focusFirstInvalid, useFocusWhen } from '../../components/ui/focus';
import { PasswordField } from '../../components/ui/password-field';
import { getPathname } from '../../i18n/navigation';
import { loginFailure, type LoginFailure } from './login-failure';

/** Sign-in with e-mail and password; on success a full page load opens the dashboard. */
export function LoginForm({ nextPath }: { nextPath: string | null }) {
  const t = useTranslations('login');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useFocusWhen<HTMLDivElement>(failure);

  const form = useForm<LoginRequest>({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() === '' ? t('emailRequired') : looksLikeEmail(value) ? null : t('emailInvalid')),
      password: (value) => (value === '' ? t('passwordRequired') : null),
    },
  });

  const signIn = useMutation({
    mutationFn: (values: LoginRequest) =>
      apiRequest(API_ROUTES.auth.login, { method: 'POST', body: values, parse: parseCurrentUser }),
    meta: { expectsUnauthorized: true },
    onSuccess: (user) => {
      window.location.assign(nextPath ?? getPathname({ href: landingPath(user), locale }));
    },
    onError: (error) => {
      const result = loginFailure(error);
      if (result.kind === 'invalidFields') {
        form.setErrors(
          Object.fromEntries(
            result.fields.map((field) => [field, field === 'email' ? t('emailInvalid') : t('passwordRequired')]),
          ),
        );
        setFailure(null);
        focusFirstInvalid(formRef.current);
      } else {
        setFailure(result);
      }
    },
  });

  const message = (() => {
    if (!failure) return null;
    switch (failure.kind) {
      case 'wrongCredentials':
        return t('wrongCredentials');
      case 'tooManyAttempts':
        return t('tooManyAttempts', { seconds: failure.seconds });
      case 'invalidFields':
        return null;
      case 'other':
        return tErrors(failure.key);
    }
  })();

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => {
          setFailure(null);
          signIn.mutate({ email: values.email.trim(), password: values.password });
        },
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="md">
        <div>
          <Title order={1} fz={26} mb={6}>
            {t('title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('lead')}
          </Text>
        </div>
        {message && (
          <Alert ref={errorRef} tabIndex={-1} color="red" role="alert" data-testid="login-error">
            {message}
          </Alert>
        )}
        <TextInput
          label={t('email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          {...form.getInputProps('email')}
        />
        <PasswordField
          label={t('password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" size="md" loading={signIn.isPending || signIn.isSuccess} fullWidth>
          {t('submit')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('forgotPassword')}
        </Text>
      </Stack>
    </form>
  );
}
