import changesEn from '../../messages/changes.en.json';
import changesRu from '../../messages/changes.ru.json';
import coreEn from '../../messages/en.json';
import parentEn from '../../messages/parent.en.json';
import parentRu from '../../messages/parent.ru.json';
import reportsEn from '../../messages/reports.en.json';
import reportsRu from '../../messages/reports.ru.json';
import rosterEn from '../../messages/roster.en.json';
import rosterRu from '../../messages/roster.ru.json';
import coreRu from '../../messages/ru.json';
import type { AppLocale } from './routing';

/**
 * The texts of each locale, kept in one file per part of the app (core, the
 * class roster, the parent page, the district reports, what changed) so that each can grow on its own; a part's
 * file holds one top-level namespace of its own.
 */
const ru = { ...coreRu, ...rosterRu, ...parentRu, ...reportsRu, ...changesRu };
const en = { ...coreEn, ...rosterEn, ...parentEn, ...reportsEn, ...changesEn };

export type Messages = typeof ru;

export const MESSAGES: Record<AppLocale, Messages> = { ru, en };
