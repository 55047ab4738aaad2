'use client';

import { Alert, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { API_ROUTES, PASSWORD_MIN_LENGTH, type ChangePasswordRequest } from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { PasswordField } from '../../components/ui/password-field';
import { useTranslations } from 'next-intl';
import { formErrorsFrom, isApiError } from '../../api/api-error';
import { apiRequest } from '../../api/api-client';
import { errorMessageKey } from '../../api/error-message';
import { useNewPasswordRule } from '../auth/use-new-password-rule';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function ChangePasswordForm() {
  const t = useTranslations('account');
  const tPassword = useTranslations('password');
  const tErrors = useTranslations('errors');
  const newPasswordRule = useNewPasswordRule();

  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (value) => (value === '' ? t('currentRequired') : null),
      newPassword: (value, values) =>
        newPasswordRule(value) ?? (value === values.currentPassword ? t('sameAsCurrent') : null),
      repeat: (value, values) => (value === values.newPassword ? null : tPassword('mismatch')),
    },
  });

  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => apiRequest(API_ROUTES.auth.password, { method: 'POST', body }),
    onSuccess: () => form.reset(),
    onError: (error) => {
      const fieldErrors = formErrorsFrom(error, {
        currentPassword: t('currentWrong'),
        newPassword: newPasswordRule(form.getValues().newPassword) ?? t('sameAsCurrent'),
      });
      // The API's one 400 without a field: the new password equals the current one.
      if (isApiError(error, 400) && Object.keys(fieldErrors).length === 0) {
        form.setFieldError('newPassword', t('sameAsCurrent'));
      } else {
        form.setErrors(fieldErrors);
      }
    },
  });

  const generalError = change.isError && !isApiError(change.error, 400) ? tErrors(errorMessageKey(change.error)) : null;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
      )}
    >
      <Stack gap="md" maw={420}>
        {change.isSuccess && (
          <Alert color="green" title={t('changed')} role="status">
            {t('changedText')}
          </Alert>
        )}
        {generalError && (
          <Alert color="red" role="alert">
            {generalError}
          </Alert>
        )}
        <PasswordField
          label={t('currentPassword')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordField
          label={t('newPassword')}
          description={t('newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordField label={t('repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('submit')}
        </Button>
      </Stack>
    </form>
  );
}
