'use client';

import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  API_ROUTES,
  apiPath,
  CLASS_LETTER_PATTERN,
  formatClassName,
  MAX_GRADE,
  MIN_GRADE,
  ROUTES,
  type SchoolClassSummary,
} from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '../../api/api-client';
import { formErrorsFrom, isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { parseSchoolClass } from '../../api/parse';
import { academicYearChoices } from './academic-years';

interface Values {
  grade: string;
  letter: string;
  academicYear: string;
}

const GRADES = Array.from({ length: MAX_GRADE - MIN_GRADE + 1 }, (_, i) => String(MIN_GRADE + i));

const upper = (letter: string) => letter.trim().toLocaleUpperCase('ru-RU');

interface FormProps {
  schoolId: string;
  /** The class to edit; a new class without it. */
  schoolClass?: SchoolClassSummary;
  onSaved: (saved: SchoolClassSummary) => void;
  onClose: () => void;
}

function ClassForm({ schoolId, schoolClass, onSaved, onClose }: FormProps) {
  const t = useTranslations('classForm');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const [{ current, years }] = useState(() => academicYearChoices(new Date(), schoolClass?.academicYear));

  const form = useForm<Values>({
    initialValues: {
      grade: schoolClass ? String(schoolClass.grade) : '',
      letter: schoolClass?.letter ?? '',
      academicYear: schoolClass?.academicYear ?? current,
    },
    validate: {
      grade: (value) => (GRADES.includes(value) ? null : t('gradeRequired')),
      letter: (value) => (CLASS_LETTER_PATTERN.test(upper(value)) ? null : t('letterInvalid')),
      academicYear: (value) => (value ? null : t('yearRequired')),
    },
  });

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = { grade: Number(values.grade), letter: upper(values.letter), academicYear: values.academicYear };
      return schoolClass
        ? apiRequest(apiPath(ROUTES.classes.one, { classId: schoolClass.id }), {
            method: 'PATCH',
            body,
            parse: parseSchoolClass,
          })
        : apiRequest(API_ROUTES.classes, { method: 'POST', body: { schoolId, ...body }, parse: parseSchoolClass });
    },
    onSuccess: onSaved,
    onError: (error) =>
      form.setErrors(
        formErrorsFrom(error, {
          grade: t('gradeRequired'),
          letter: t('letterInvalid'),
          academicYear: t('yearRequired'),
        }),
      ),
  });

  const { grade, letter, academicYear } = form.getValues();
  const preview =
    GRADES.includes(grade) && CLASS_LETTER_PATTERN.test(upper(letter)) ? formatClassName(Number(grade), letter) : null;
  const generalError = !save.isError
    ? null
    : isApiError(save.error, 409)
      ? t('duplicate', { name: preview ?? '', year: academicYear })
      : isApiError(save.error, 400) && save.error.fields.length > 0
        ? null
        : tErrors(errorMessageKey(save.error));

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        {generalError && (
          <Alert color="red" role="alert">
            {generalError}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="md">
          <Select
            label={t('grade')}
            placeholder={t('gradePlaceholder')}
            data={GRADES}
            required
            allowDeselect={false}
            data-autofocus
            {...form.getInputProps('grade')}
          />
          <TextInput
            label={t('letter')}
            required
            maxLength={1}
            autoComplete="off"
            {...form.getInputProps('letter')}
            onChange={(event) => form.setFieldValue('letter', event.currentTarget.value.toLocaleUpperCase('ru-RU'))}
          />
        </SimpleGrid>
        <Select
          label={t('academicYear')}
          data={years.map((year) => ({ value: year, label: year === current ? t('currentYear', { year }) : year }))}
          required
          allowDeselect={false}
          {...form.getInputProps('academicYear')}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {preview ? t('preview', { name: preview }) : t('previewHint')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {schoolClass ? tCommon('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds a class to a school or changes one: grade, letter, academic year. */
export function ClassFormModal({ opened, ...props }: FormProps & { opened: boolean }) {
  const t = useTranslations('classForm');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.schoolClass ? t('editTitle', { name: props.schoolClass.name }) : t('addTitle')}
      centered
    >
      <ClassForm {...props} />
    </Modal>
  );
}
