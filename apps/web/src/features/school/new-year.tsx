'use client';

import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  NEW_YEAR_DEFAULT_ERASURE_DAYS,
  NEW_YEAR_MAX_ERASURE_DAYS,
  nextAcademicYear,
  PATH_CATALOGUE,
  type NewYearOptions,
  type NewYearPreview,
  type NewYearResult,
  type SchoolSummary,
} from '@sferum/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { QUERY_ROOTS } from '../../api/queries';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { TableFrame } from '../../components/ui/table-frame';
import { newYearPreviewQuery, runNewYear } from './new-year-api';
import {
  confirmsYear,
  erasureDay,
  erasureDaysOf,
  linksUntil,
  newYearCounts,
  newYearState,
  parseFirstGradeLetters,
  type NewYearState,
} from './new-year-model';
import { useAppLocale } from './path-name';

const DEFAULT_OPTIONS: NewYearOptions = { archiveGrade9: false };

/** "31 августа 2028 г." from YYYY-MM-DD, the day as it is (no time zone shift). */
function useDayFormat() {
  const locale = useAppLocale();
  return (day: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** «Школа уже перешла в 2027/2028…: переход в 2028/2029 — в конце августа 2028». */
const aheadValues = (year: string) => ({ year, next: nextAcademicYear(year), end: year.slice(5, 9) });

/**
 * «Новый учебный год» on the school page, for its admins and the district's:
 * the school's year, whether the move can be run now, and the dialog that
 * shows what it will do before doing it.
 */
export function NewYearSection({ school }: { school: SchoolSummary }) {
  const t = useTranslations('newYear');
  const headingId = useId();
  const [opened, setOpened] = useState(false);
  const wide = useMediaQuery('(min-width: 36em)', true);
  const hasClasses = school.academicYear !== null;
  const status = useQuery({ ...newYearPreviewQuery(school.id, DEFAULT_OPTIONS), enabled: hasClasses });
  const state: NewYearState | null = status.data ? newYearState(status.data, new Date()) : null;

  return (
    <Paper withBorder p="md" mt="xl" component="section" aria-labelledby={headingId} data-testid="new-year-section">
      <Stack gap="sm" align="flex-start">
        <Title order={2} fz="lg" id={headingId}>
          {t('sectionTitle')}
        </Title>
        <Text size="sm">{school.academicYear ? t('currentYear', { year: school.academicYear }) : t('noClasses')}</Text>
        <Text size="sm" c="dimmed">
          {t('sectionText')}
        </Text>
        {hasClasses &&
          status.isError &&
          // 409: every class is in the archive, nothing to move.
          (isApiError(status.error, 409) ? (
            <Text size="sm" fw={600}>
              {t('noClasses')}
            </Text>
          ) : (
            <ErrorState error={status.error} onRetry={() => void status.refetch()} />
          ))}
        {status.data && state === 'alreadyDone' && (
          <Text size="sm" fw={600} data-testid="new-year-state">
            {t('alreadyDone', { year: status.data.toYear })}
          </Text>
        )}
        {status.data && state === 'ahead' && (
          <Text size="sm" fw={600} data-testid="new-year-state">
            {t('ahead', aheadValues(status.data.fromYear))}
          </Text>
        )}
        {hasClasses && !status.isError && (
          <Button
            onClick={() => setOpened(true)}
            loading={status.isPending}
            disabled={state !== 'ready'}
            aria-haspopup="dialog"
          >
            {status.data && state !== 'ready'
              ? t('startedButton', { year: state === 'ahead' ? status.data.fromYear : status.data.toYear })
              : status.data
                ? t('open', { year: status.data.toYear })
                : t('openPlain')}
          </Button>
        )}
      </Stack>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('title')}
        size="xl"
        centered
        fullScreen={!wide}
        data-testid="new-year-dialog"
      >
        {/* Mounted only while open: every opening starts from the default options and an empty confirmation. */}
        <NewYearDialog school={school} onClose={() => setOpened(false)} />
      </Modal>
    </Paper>
  );
}

function NewYearDialog({ school, onClose }: { school: SchoolSummary; onClose: () => void }) {
  const [result, setResult] = useState<NewYearResult | null>(null);
  return result ? (
    <NewYearDone result={result} onClose={onClose} />
  ) : (
    <NewYearForm school={school} onDone={setResult} onClose={onClose} />
  );
}

function NewYearForm({
  school,
  onDone,
  onClose,
}: {
  school: SchoolSummary;
  onDone: (result: NewYearResult) => void;
  onClose: () => void;
}) {
  const t = useTranslations('newYear');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const formatDay = useDayFormat();
  const locale = useAppLocale();
  const [archiveGrade9, setArchiveGrade9] = useState(false);
  const [days, setDays] = useState<number | string>(NEW_YEAR_DEFAULT_ERASURE_DAYS);
  // null until the admin edits the letters: the API's default (the first grades' letters now) stands till then.
  const [lettersText, setLettersText] = useState<string | null>(null);
  const [lettersKey, setLettersKey] = useState<string | null>(null);
  const [debouncedKey] = useDebouncedValue(lettersKey, 400);
  const [typed, setTyped] = useState('');

  const options: NewYearOptions = {
    archiveGrade9,
    ...(debouncedKey === null ? {} : { firstGradeLetters: debouncedKey === '' ? [] : debouncedKey.split(',') }),
  };
  const preview = useQuery({ ...newYearPreviewQuery(school.id, options), placeholderData: keepPreviousData });

  const parsedLetters = lettersText === null ? null : parseFirstGradeLetters(lettersText);
  const lettersError =
    parsedLetters && 'invalid' in parsedLetters
      ? t('lettersInvalid', { letters: parsedLetters.invalid.join(', ') })
      : null;
  const erasureDays = erasureDaysOf(days);

  const run = useMutation({
    mutationFn: (plan: NewYearPreview) =>
      runNewYear(school.id, {
        archiveGrade9,
        erasureDays: erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS,
        firstGradeLetters: plan.newFirstGrades,
        toYear: plan.toYear,
      }),
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: t('doneTitle', { year: result.toYear }) });
      // Every class, roster, counter and report of the school changed.
      void queryClient.invalidateQueries();
      onDone(result);
    },
    onError: (error) => {
      // Someone else ran it, or the school's year moved: show the school as it is now.
      if (isApiError(error, 409) || isApiError(error, 400)) {
        void queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.schools });
      }
    },
  });

  if (preview.isPending) return <LoadingState />;
  if (preview.isError) {
    return isApiError(preview.error, 409) ? (
      <Alert color="blue">{t('noClasses')}</Alert>
    ) : (
      <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
    );
  }

  const plan = preview.data;
  const state = newYearState(plan, new Date());
  const counts = newYearCounts(plan);
  const path = PATH_CATALOGUE.get(school.pathId);
  const settled = lettersKey === debouncedKey && !preview.isFetching;
  const confirmed = confirmsYear(typed, plan.toYear);
  const canRun = state === 'ready' && confirmed && erasureDays !== null && lettersError === null && settled;
  const eraseOn = erasureDay(new Date(), erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS);
  const leavingNames = plan.classes.filter((c) => c.action === 'archive').map((c) => c.name);

  const failure = !run.isError
    ? null
    : isApiError(run.error, 409)
      ? t('conflict', { year: plan.toYear })
      : isApiError(run.error, 400)
        ? t('yearChanged')
        : tErrors(errorMessageKey(run.error));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (canRun) run.mutate(plan);
      }}
    >
      <Stack gap="md">
        <Text fz="lg" fw={600} data-testid="new-year-years">
          {t('fromTo', { from: plan.fromYear, to: plan.toYear })}
        </Text>
        {state !== 'ready' && (
          <Alert color="blue" role="status">
            {state === 'alreadyDone' ? t('alreadyDone', { year: plan.toYear }) : t('ahead', aheadValues(plan.fromYear))}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
          <Checkbox
            label={t('archiveGrade9')}
            description={t('archiveGrade9Hint')}
            checked={archiveGrade9}
            onChange={(event) => setArchiveGrade9(event.currentTarget.checked)}
            mt={{ sm: 'lg' }}
          />
          <NumberInput
            label={t('erasureDays')}
            description={t('erasureDaysHint', {
              max: NEW_YEAR_MAX_ERASURE_DAYS,
              default: NEW_YEAR_DEFAULT_ERASURE_DAYS,
            })}
            value={days}
            onChange={setDays}
            min={0}
            max={NEW_YEAR_MAX_ERASURE_DAYS}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={erasureDays === null ? t('erasureDaysInvalid', { max: NEW_YEAR_MAX_ERASURE_DAYS }) : undefined}
          />
          <TextInput
            label={t('letters')}
            description={t('lettersHint')}
            value={lettersText ?? plan.newFirstGrades.join(', ')}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setLettersText(text);
              const parsed = parseFirstGradeLetters(text);
              if ('letters' in parsed) setLettersKey(parsed.letters.join(','));
            }}
            error={lettersError}
            autoComplete="off"
            spellCheck={false}
          />
        </SimpleGrid>

        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('classesHeading')}
          </Title>
          <Text size="sm" aria-live="polite" data-testid="new-year-counts">
            {t('counts', counts)}
          </Text>
          <PreviewTable plan={plan} busy={!settled} />
        </Stack>

        <div>
          <Title order={3} fz="md" mb={4}>
            {t('whatHappens')}
          </Title>
          <List size="sm" spacing={4} data-testid="new-year-explanation">
            <List.Item>{t('explainPromote')}</List.Item>
            <List.Item>
              {t('explainSteps', { steps: path.steps.map((step) => step.title[locale]).join(', ') })}
            </List.Item>
            <List.Item>{t('explainChats')}</List.Item>
            <List.Item>{t('explainLinks', { date: formatDay(linksUntil(plan.toYear)) })}</List.Item>
            <List.Item>
              {leavingNames.length > 0
                ? t('explainLeavers', {
                    classes: leavingNames.join(', '),
                    days: erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS,
                    date: formatDay(eraseOn),
                  })
                : t('explainNoLeavers')}
            </List.Item>
            <List.Item>
              {plan.newFirstGrades.length > 0
                ? t('explainFirstGrades', { names: plan.newFirstGrades.map((letter) => `1${letter}`).join(', ') })
                : t('explainNoFirstGrades')}
            </List.Item>
            <List.Item>{t('explainOnce', { year: plan.toYear })}</List.Item>
          </List>
        </div>

        {state === 'ready' && (
          <TextInput
            label={t('confirmLabel', { year: plan.toYear })}
            description={t('confirmHint')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder={plan.toYear}
          />
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={run.isPending}>
            {tCommon('cancel')}
          </Button>
          {state === 'ready' && (
            <Button type="submit" loading={run.isPending} disabled={!canRun}>
              {t('submit', { year: plan.toYear })}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** Each class now and next year; the new first grades last. */
function PreviewTable({ plan, busy }: { plan: NewYearPreview; busy: boolean }) {
  const t = useTranslations('newYear');
  return (
    <div aria-busy={busy} style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 120ms' }}>
      <TableFrame minWidth={420}>
        <Table.Caption style={{ captionSide: 'top' }}>
          <VisuallyHidden>{t('tableCaption', { from: plan.fromYear, to: plan.toYear })}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('now', { year: plan.fromYear })}</Table.Th>
            <Table.Th scope="col">{t('next', { year: plan.toYear })}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('students')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody data-testid="new-year-preview">
          {plan.classes.map((schoolClass) => (
            <Table.Tr key={schoolClass.classId} data-testid={`new-year-row-${schoolClass.name}`}>
              <Table.Th scope="row" fw={600}>
                {schoolClass.name}
              </Table.Th>
              <Table.Td>
                {schoolClass.nextName ?? (
                  // Dark text on the light badge: orange text on white falls short of 4.5:1.
                  <Badge variant="light" color="orange" c="dark.8" tt="none" fw={600} size="lg" radius="sm">
                    {t('leaves')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{schoolClass.students}</Table.Td>
            </Table.Tr>
          ))}
          {plan.newFirstGrades.map((letter) => (
            <Table.Tr key={`new-${letter}`} data-testid={`new-year-row-new-1${letter}`}>
              <Table.Th scope="row" fw={400}>
                <Text span c="dimmed" size="sm">
                  {t('noneYet')}
                </Text>
              </Table.Th>
              <Table.Td>
                {`1${letter}`}{' '}
                <Text span size="sm" c="dimmed">
                  {t('newClass')}
                </Text>
              </Table.Td>
              <Table.Td ta="right">0</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </TableFrame>
    </div>
  );
}

function NewYearDone({ result, onClose }: { result: NewYearResult; onClose: () => void }) {
  const t = useTranslations('newYear');
  const tCommon = useTranslations('common');
  const formatDay = useDayFormat();
  return (
    <Stack gap="md" data-testid="new-year-result">
      <Alert
        color="green"
        title={t('doneTitle', { year: result.toYear })}
        role="status"
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
      >
        <List size="sm" spacing={4}>
          <List.Item>{t('donePromoted', { count: result.promoted })}</List.Item>
          <List.Item>{t('doneArchived', { count: result.archived, leavers: result.leavers })}</List.Item>
          <List.Item>{t('doneCreated', { count: result.created })}</List.Item>
          <List.Item>
            {t('doneLinks', { count: result.linksExtended, date: formatDay(linksUntil(result.toYear)) })}
          </List.Item>
          {result.leavers > 0 && (
            <List.Item>
              {/* The nightly job erases what is due: a day already begun waits for the coming night. */}
              {result.eraseOn <= erasureDay(new Date(), 0)
                ? t('doneEraseTonight')
                : t('doneErase', { date: formatDay(result.eraseOn) })}
            </List.Item>
          )}
        </List>
      </Alert>
      <Text size="sm">{t('doneNext')}</Text>
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          {tCommon('close')}
        </Button>
      </Group>
    </Stack>
  );
}
