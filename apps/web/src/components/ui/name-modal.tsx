'use client';

import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';

const NAME_MAX_LENGTH = 200;

interface Props {
  opened: boolean;
  title: string;
  label: string;
  initialName?: string;
  submitLabel: string;
  /** Said when the API answers 409: the name is taken. */
  conflictMessage: string;
  save: (name: string) => Promise<unknown>;
  onSaved: (name: string) => void;
  onClose: () => void;
}

function NameForm({
  label,
  initialName = '',
  submitLabel,
  conflictMessage,
  save,
  onSaved,
  onClose,
}: Omit<Props, 'opened' | 'title'>) {
  const t = useTranslations('common');
  const tErrors = useTranslations('errors');
  const form = useForm({
    initialValues: { name: initialName },
    validate: {
      name: (value) =>
        value.trim() === ''
          ? t('nameRequired')
          : value.trim().length > NAME_MAX_LENGTH
            ? t('nameTooLong', { max: NAME_MAX_LENGTH })
            : null,
    },
  });
  const mutation = useMutation({
    mutationFn: (name: string) => save(name),
    onSuccess: (_result, name) => onSaved(name),
    onError: (error) => {
      if (isApiError(error, 409)) form.setFieldError('name', conflictMessage);
      else if (isApiError(error, 400)) form.setFieldError('name', t('nameRequired'));
    },
  });
  const generalError =
    mutation.isError && !isApiError(mutation.error, 409) && !isApiError(mutation.error, 400)
      ? tErrors(errorMessageKey(mutation.error))
      : null;

  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values.name.trim()))}>
      <Stack gap="md">
        {generalError && (
          <Alert color="red" role="alert">
            {generalError}
          </Alert>
        )}
        <TextInput label={label} required maxLength={NAME_MAX_LENGTH} data-autofocus {...form.getInputProps('name')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds or renames something that has only a name (a school, the district). */
export function NameModal({ opened, title, onClose, ...formProps }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      {/* Mounted only while open, so every opening starts from the current name. */}
      <NameForm onClose={onClose} {...formProps} />
    </Modal>
  );
}
