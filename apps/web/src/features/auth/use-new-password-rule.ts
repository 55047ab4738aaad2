'use client';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { newPasswordProblem } from './password-rules';

/** A form validator for a new password, speaking the user's language. */
export function useNewPasswordRule(): (value: string) => string | null {
  const t = useTranslations('password');
  return (value) => {
    switch (newPasswordProblem(value)) {
      case null:
        return null;
      case 'required':
        return t('required');
      case 'tooShort':
        return t('tooShort', { min: PASSWORD_MIN_LENGTH });
      case 'tooLong':
        return t('tooLong', { max: PASSWORD_MAX_LENGTH });
    }
  };
}
