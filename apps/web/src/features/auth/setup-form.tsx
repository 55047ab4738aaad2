'use client';

import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { API_ROUTES, PASSWORD_MIN_LENGTH } from '@sferum/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRef } from 'react';
import { apiRequest } from '../../api/api-client';
import { formErrorsFrom, isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseCurrentUser, parseSetupLinkInfo } from '../../api/parse';
import { landingPath } from '../../auth/staff-areas';
import { focusFirstInvalid, useFocusWhen } from '../../components/ui/focus';
import { PasswordField } from '../../components/ui/password-field';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { getPathname } from '../../i18n/navigation';
import { politeName } from './polite-name';
import { useNewPasswordRule } from './use-new-password-rule';

interface Values {
  password: string;
  repeat: string;
}

/** A dead link (unknown, used, expired or mistyped) gets one friendly answer, whatever the cause. */
function isDeadLink(error: unknown): boolean {
  return isApiError(error, 404) || (isApiError(error, 400) && error.fields.includes('token'));
}

function InvalidLink() {
  const t = useTranslations('setup');
  return (
    <Stack gap="sm" data-testid="setup-invalid">
      <Title order={1} fz={24}>
        {t('invalidTitle')}
      </Title>
      <Text>{t('invalidText')}</Text>
    </Stack>
  );
}

/**
 * The first password of a new account, from the one-time link an admin gave.
 * The token stays in this page's address and request bodies: no other URL,
 * log or query string ever carries it.
 */
export function SetupForm({ token }: { token: string }) {
  const t = useTranslations('setup');
  const tPassword = useTranslations('password');
  const tRoles = useTranslations('roles');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const newPasswordRule = useNewPasswordRule();

  const info = useQuery({
    queryKey: ['setup-link', token],
    queryFn: () =>
      apiRequest(API_ROUTES.auth.setupInfo, { method: 'POST', body: { token }, parse: parseSetupLinkInfo }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  const form = useForm<Values>({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: newPasswordRule,
      repeat: (value, values) => (value === values.password ? null : tPassword('mismatch')),
    },
  });

  const complete = useMutation({
    mutationFn: (password: string) =>
      apiRequest(API_ROUTES.auth.setup, { method: 'POST', body: { token, password }, parse: parseCurrentUser }),
    onSuccess: (user) => window.location.assign(getPathname({ href: landingPath(user), locale })),
    onError: (error) => {
      form.setErrors(formErrorsFrom(error, { password: tPassword('tooShort', { min: PASSWORD_MIN_LENGTH }) }));
      focusFirstInvalid(formRef.current);
    },
  });
  const formRef = useRef<HTMLFormElement>(null);
  const generalError =
    complete.isError && Object.keys(formErrorsFrom(complete.error, { password: '' })).length === 0
      ? tErrors(errorMessageKey(complete.error))
      : null;
  const errorRef = useFocusWhen<HTMLDivElement>(generalError ? complete.error : null);

  if (info.isPending) return <LoadingState />;
  if (info.isError) {
    return isDeadLink(info.error) ? (
      <InvalidLink />
    ) : (
      <ErrorState error={info.error} onRetry={() => void info.refetch()} />
    );
  }
  if (complete.isError && isDeadLink(complete.error)) return <InvalidLink />;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => complete.mutate(values.password),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="md">
        <div>
          <Title order={1} fz={24} mb={6}>
            {t('greeting', { name: politeName(info.data.fullName) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('login', { email: info.data.email })}
            <br />
            {t('role', { role: tRoles(info.data.role) })}
          </Text>
        </div>
        <Text>{t('lead', { min: PASSWORD_MIN_LENGTH })}</Text>
        {generalError && (
          <Alert ref={errorRef} tabIndex={-1} color="red" role="alert">
            {generalError}
          </Alert>
        )}
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={info.data.email} readOnly hidden />
        <PasswordField label={t('password')} autoComplete="new-password" required {...form.getInputProps('password')} />
        <PasswordField label={t('repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
        <Button type="submit" size="md" fullWidth loading={complete.isPending || complete.isSuccess}>
          {t('submit')}
        </Button>
      </Stack>
    </form>
  );
}
