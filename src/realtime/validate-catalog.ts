import { MAX_ID_CHARS, MAX_UNIT_CHARS } from './limits';
import type {
  Catalog,
  LocaleText,
  MetricInfo,
  OperatingLimits,
  SpcLimits,
  TopicInfo,
} from './protocol';
import { TextFitter, Tally } from './item-tally';
import type { Item } from './validate';

/**
 * The catalogue (protocol v1.1) from untrusted input: what the backend says its metrics and
 * topics are. A description the dashboard obeys (limits drawn, panels hidden by topic) must be
 * sane, so numbers are finite and ordered, counts and texts bounded, and one bad description
 * costs only itself: it is refused and counted, the rest of the catalogue is kept.
 */

/** Metric descriptions kept from one catalogue (the first ones); the rest are refused. */
export const MAX_CATALOG_METRICS = 2_000;
/** Topics kept from one catalogue. Each is a control on screen: far more is not a picker. */
export const MAX_CATALOG_TOPICS = 200;
/** A display name, for a metric or a topic. Longer ones are cut. */
export const MAX_LABEL_CHARS = 120;
/** A group's heading. Longer ones are cut. */
export const MAX_GROUP_CHARS = 120;
/** Languages in one label map, and the length of a language tag (BCP 47 allows 35). */
export const MAX_LABEL_LOCALES = 16;
export const MAX_LOCALE_CHARS = 35;
/** Places a backend may ask for: beyond this no reading is that precise, only noisier. */
export const MAX_DECIMALS = 6;

type Obj = Record<string, unknown>;
type Refusal = { ok: false; kind: 'invalid_shape' | 'id_too_long'; reason: string };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const refuse = (reason: string): Refusal => ({ ok: false, kind: 'invalid_shape', reason });
const tooLong = (field: string): Refusal => ({
  ok: false,
  kind: 'id_too_long',
  reason: `${field} over ${MAX_ID_CHARS} characters`,
});

/** An id-like field (name, topic): opaque, non-empty, never cut (two could become one). */
function idField(v: unknown, field: string, required: boolean): string | undefined | Refusal {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') return refuse(`${field} is not a non-empty text`);
  return v.length > MAX_ID_CHARS ? tooLong(field) : v;
}

const isRefusal = (v: unknown): v is Refusal => isObj(v) && v.ok === false;

/** Locale -> text, without a prototype: `__proto__` as a key is a key, never a prototype. */
function labelMap(v: unknown, fitter: TextFitter): LocaleText | undefined | Refusal {
  if (v === undefined) return undefined;
  if (!isObj(v)) return refuse('labels is not a map of language to text');
  const entries = Object.entries(v);
  if (entries.length > MAX_LABEL_LOCALES)
    return refuse(`labels has over ${MAX_LABEL_LOCALES} languages`);
  const out = Object.create(null) as Record<string, string>;
  for (const [locale, text] of entries) {
    if (locale === '' || locale.length > MAX_LOCALE_CHARS)
      return refuse('labels has a language tag that is empty or too long');
    if (typeof text !== 'string') return refuse('labels has a label that is not text');
    out[locale] = fitter.fit(text, MAX_LABEL_CHARS, 'label');
  }
  return out;
}

function optText(v: unknown, field: string, max: number, fitter: TextFitter) {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return refuse(`${field} is not text`);
  return fitter.fit(v, max, field);
}

function numbers<K extends string>(
  v: Obj,
  keys: readonly K[],
  what: string,
): Partial<Record<K, number>> | Refusal {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = v[key];
    if (value === undefined) continue;
    if (!isNum(value)) return refuse(`${what}.${key} is not a finite number`);
    out[key] = value;
  }
  return out;
}

const below = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || a < b;

function operatingLimits(v: unknown): OperatingLimits | undefined | Refusal {
  if (v === undefined) return undefined;
  if (!isObj(v)) return refuse('limits is not an object');
  const limits = numbers(v, ['low', 'high', 'warnLow', 'warnHigh'] as const, 'limits');
  if (isRefusal(limits)) return limits;
  if (!below(limits.low, limits.high) || !below(limits.warnLow, limits.warnHigh))
    return refuse('limits: a low limit is not below its high one');
  return limits;
}

function spcLimits(v: unknown): SpcLimits | undefined | Refusal {
  if (v === undefined) return undefined;
  if (!isObj(v)) return refuse('spc is not an object');
  const spc = numbers(v, ['cl', 'ucl', 'lcl', 'usl', 'lsl'] as const, 'spc');
  if (isRefusal(spc)) return spc;
  const { cl, ucl, lcl, usl, lsl } = spc;
  if (cl === undefined || ucl === undefined || lcl === undefined)
    return refuse('spc needs cl, ucl and lcl');
  // A zero-width band would make sigma 0: every point "out of control".
  if (!(lcl < cl && cl < ucl)) return refuse('spc needs lcl < cl < ucl');
  if (!below(lsl, usl)) return refuse('spc needs lsl < usl');
  return {
    cl,
    ucl,
    lcl,
    ...(usl !== undefined ? { usl } : {}),
    ...(lsl !== undefined ? { lsl } : {}),
  };
}

/** Picks the first refusal among fields, or null: each field was checked on its own. */
function firstRefusal(fields: readonly unknown[]): Refusal | null {
  for (const field of fields) if (isRefusal(field)) return field;
  return null;
}

export function toMetricInfo(v: unknown): Item<MetricInfo> {
  if (!isObj(v)) return refuse('a metric description is not an object');
  const name = idField(v.name, 'name', true);
  if (isRefusal(name)) return name;
  const fitter = new TextFitter();
  const label = optText(v.label, 'label', MAX_LABEL_CHARS, fitter);
  const labels = labelMap(v.labels, fitter);
  const unit = optText(v.unit, 'unit', MAX_UNIT_CHARS, fitter);
  const group = optText(v.group, 'group', MAX_GROUP_CHARS, fitter);
  const topic = idField(v.topic, 'topic', false);
  const limits = operatingLimits(v.limits);
  const spc = spcLimits(v.spc);
  const decimals = v.decimals;
  const refused = firstRefusal([label, labels, unit, group, topic, limits, spc]);
  if (refused) return refused;
  if (
    decimals !== undefined &&
    !(
      Number.isInteger(decimals) &&
      (decimals as number) >= 0 &&
      (decimals as number) <= MAX_DECIMALS
    )
  )
    return refuse(`decimals is not a whole number 0..${MAX_DECIMALS}`);
  const info: MetricInfo = { name: name as string };
  if (label !== undefined) info.label = label as string;
  if (labels !== undefined) info.labels = labels as LocaleText;
  if (unit !== undefined) info.unit = unit as string;
  if (decimals !== undefined) info.decimals = decimals as number;
  if (limits !== undefined) info.limits = limits as OperatingLimits;
  if (spc !== undefined) info.spc = spc as SpcLimits;
  if (topic !== undefined) info.topic = topic as string;
  if (group !== undefined) info.group = group as string;
  return { ok: true, value: info, fitter };
}

export function toTopicInfo(v: unknown): Item<TopicInfo> {
  if (!isObj(v)) return refuse('a topic is not an object');
  const id = idField(v.id, 'id', true);
  if (isRefusal(id)) return id;
  const fitter = new TextFitter();
  const label = optText(v.label, 'label', MAX_LABEL_CHARS, fitter);
  const labels = labelMap(v.labels, fitter);
  const refused = firstRefusal([label, labels]);
  if (refused) return refused;
  if (v.default !== undefined && typeof v.default !== 'boolean')
    return refuse('default is not true or false');
  const topic: TopicInfo = { id: id as string };
  if (label !== undefined) topic.label = label as string;
  if (labels !== undefined) topic.labels = labels as LocaleText;
  if (v.default !== undefined) topic.default = v.default;
  return { ok: true, value: topic, fitter };
}

/**
 * The usable descriptions of a list, the first `max`, a key described twice kept once (the
 * first): every refusal and cut is tallied under `noun`.
 */
function keepDescribed<T>(
  list: unknown[],
  toItem: (v: unknown) => Item<T>,
  keyOf: (item: T) => string,
  tally: Tally,
  noun: string,
  max: number,
): T[] {
  const excess = list.length - max;
  if (excess > 0) tally.add('too_many_items', noun, `over ${max} in one catalogue`, excess);
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const raw of list.slice(0, max)) {
    const item = toItem(raw);
    if (!item.ok) {
      tally.add(item.kind, noun, item.reason);
      continue;
    }
    const key = keyOf(item.value);
    if (seen.has(key)) {
      tally.add('invalid_shape', noun, 'described twice: the first kept');
      continue;
    }
    seen.add(key);
    if (item.fitter.firstCut) tally.add('truncated', noun, item.fitter.firstCut);
    kept.push(item.value);
  }
  return kept;
}

/**
 * The catalogue of a `catalog` message or a snapshot, or null when it is not one at all (no
 * `metrics` list, or not one description in it usable): the caller refuses it whole and the
 * dashboard keeps the catalogue it had.
 */
export function toCatalog(v: Obj, tally: Tally): Catalog | null {
  if (!Array.isArray(v.metrics)) return null;
  if (v.topics !== undefined && !Array.isArray(v.topics)) return null;
  const metrics = keepDescribed(
    v.metrics,
    toMetricInfo,
    (m) => m.name,
    tally,
    'metric description',
    MAX_CATALOG_METRICS,
  );
  if (metrics.length === 0 && v.metrics.length > 0) return null;
  const topics = keepDescribed(
    (v.topics as unknown[] | undefined) ?? [],
    toTopicInfo,
    (t) => t.id,
    tally,
    'topic',
    MAX_CATALOG_TOPICS,
  );
  return { metrics, topics };
}
