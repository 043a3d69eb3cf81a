/**
 * Features of the conversion model, learned from the leads with a known outcome and then applied
 * to any lead:
 *
 * - numeric fields (company size, revenue, budget): log(1 + value) and a missing flag;
 * - free-mail and invalid-email flags;
 * - one flag per fit rule that counted and per disqualifier that matched (captures title
 *   seniority and whatever else the rules encode);
 * - per activity type: log(1 + event count);
 * - categorical fields (industry, source, country, region): one level per frequent value, plus
 *   "(other)" and "(missing)".
 *
 * Activity enters as event counts, not decayed counts: the leads the model learns from are old,
 * so their decayed counts are near zero whatever they did, and a model trained on them would learn
 * "activity does not matter". Counts describe what a lead did whenever it was scored. (Recency
 * belongs to the engagement axis, which is decayed.)
 *
 * Dense features are scaled to unit standard deviation (training leads), so the ridge penalty
 * treats them alike and each coefficient reads "per standard deviation". They are not centred:
 * with an unpenalised intercept centring changes nothing but the intercept, and uncentred
 * features stay sparse (most leads have no demo request), which makes the fit several times
 * faster. Explanations subtract the training mean instead (see `conversionModel.ts`).
 */
import type { FitResult } from './fitGrading.ts';
import type { LeadRecord } from './LeadRecord.ts';
import type { DesignMatrix } from './designMatrix.ts';
import { normaliseActivityType } from './engagementScore.ts';
import { fieldReader, type FieldReader } from './leadFields.ts';

/** A lead as the model sees it: the record and its fit result (for the rule flags). */
export interface ModelInput {
  readonly record: LeadRecord;
  readonly fit: FitResult;
}

/** What a feature is about, for explanations: several features can share one source. */
export type FeatureSource =
  | { readonly kind: 'numeric'; readonly field: string }
  | { readonly kind: 'flag'; readonly flag: 'free_mail' | 'invalid_email' }
  | { readonly kind: 'rule'; readonly ruleIndex: number }
  | { readonly kind: 'disqualifier'; readonly disqualifierIndex: number }
  | { readonly kind: 'activity'; readonly activityType: string }
  | { readonly kind: 'categorical'; readonly field: string };

export interface DenseFeature {
  /** Readable name, e.g. "company size (log)". */
  readonly name: string;
  readonly source: FeatureSource;
  /** Training mean of the scaled feature (the "average lead" explanations compare with). */
  readonly scaledMean: number;
  /** Training standard deviation of the raw feature (1 for a constant one). */
  readonly sd: number;
}

export interface CategoricalFeature {
  readonly field: string;
  /** Level names; the last two are "(other)" and "(missing)". */
  readonly levels: readonly string[];
}

export interface FeatureSettings {
  readonly categoricalFields: readonly string[];
  readonly numericFields: readonly string[];
  readonly maxLevels: number;
  readonly minLevelCount: number;
  readonly ruleLabels: readonly string[];
  readonly disqualifierLabels: readonly string[];
}

export interface FeatureEncoder {
  readonly dense: readonly DenseFeature[];
  readonly categorical: readonly CategoricalFeature[];
  /**
   * Writes one lead's scaled dense features to `dense[offset …]` and its categorical codes to
   * `codes[0 …]`.
   */
  encode(input: ModelInput, dense: Float32Array | Float64Array, offset: number, codes: Int32Array): void;
  /** The design matrix of many leads. */
  design(inputs: readonly ModelInput[]): DesignMatrix;
}

/** An encoder with the design matrix of the leads it was learned from. */
export interface EncodedTrainingSet {
  readonly encoder: FeatureEncoder;
  readonly design: DesignMatrix;
}

/** Most activity types given their own feature. */
const MAX_ACTIVITY_TYPES = 40;
/** Level of values too rare to get their own coefficient. */
export const OTHER_LEVEL = '(other)';
/** Level of leads without a value. */
export const MISSING_LEVEL = '(missing)';

/**
 * Learns the encoder (levels and activity types from a survey of up to 100,000 of the leads,
 * scaling from all of them) and encodes the leads.
 *
 * @example
 * ```ts
 * const { encoder, design } = encodeTrainingSet(trainingLeads, settings);
 * const validation = encoder.design(newerLeads);
 * ```
 */
export function encodeTrainingSet(training: readonly ModelInput[], settings: FeatureSettings): EncodedTrainingSet {
  const survey = surveyTrainingSet(training, settings.categoricalFields);
  // Counts from a sample stand for counts in the whole set: compare them with a scaled threshold.
  const minSampleCount = (settings.minLevelCount * survey.sampled) / Math.max(1, training.length);
  const activityTypes = frequentActivityTypes(survey.leadsPerRawType, minSampleCount);
  const categorical = settings.categoricalFields.map((field, f) =>
    learnLevels(field, survey.valueCounts[f] as Map<string | number | boolean, number>, minSampleCount, settings.maxLevels),
  );
  const layout = denseLayout(settings, activityTypes);
  const width = layout.sources.length;
  const rawEncoder = makeEncoder(layout, categorical, new Float64Array(width).fill(1), settings);
  const design = rawEncoder.design(training);
  const { mean, sd } = columnMoments(design);
  scaleColumns(design, sd);
  const dense = layout.sources.map((source, j) => ({
    name: layout.names[j] as string,
    source,
    scaledMean: (mean[j] as number) / (sd[j] as number),
    sd: sd[j] as number,
  }));
  return { encoder: makeEncoder(layout, categorical, sd, settings, dense), design };
}

interface DenseLayout {
  readonly sources: FeatureSource[];
  readonly names: string[];
  readonly numericStart: number;
  readonly flagStart: number;
  readonly ruleStart: number;
  readonly disqualifierStart: number;
  readonly activityStart: number;
  readonly activityColumn: ReadonlyMap<string, number>;
}

function denseLayout(settings: FeatureSettings, activityTypes: readonly string[]): DenseLayout {
  const sources: FeatureSource[] = [];
  const names: string[] = [];
  const add = (source: FeatureSource, name: string): void => {
    sources.push(source);
    names.push(name);
  };
  const numericStart = 0;
  for (const field of settings.numericFields) {
    add({ kind: 'numeric', field }, `${field} (log)`);
    add({ kind: 'numeric', field }, `${field} missing`);
  }
  const flagStart = sources.length;
  add({ kind: 'flag', flag: 'free_mail' }, 'free-mail address');
  add({ kind: 'flag', flag: 'invalid_email' }, 'invalid email');
  const ruleStart = sources.length;
  settings.ruleLabels.forEach((label, ruleIndex) => add({ kind: 'rule', ruleIndex }, `rule: ${label}`));
  const disqualifierStart = sources.length;
  settings.disqualifierLabels.forEach((label, disqualifierIndex) =>
    add({ kind: 'disqualifier', disqualifierIndex }, `disqualifier: ${label}`),
  );
  const activityStart = sources.length;
  const activityColumn = new Map<string, number>();
  for (const type of activityTypes) {
    activityColumn.set(type, sources.length);
    add({ kind: 'activity', activityType: type }, `${type} events (log)`);
  }
  return { sources, names, numericStart, flagStart, ruleStart, disqualifierStart, activityStart, activityColumn };
}

/** Mean and standard deviation of each dense column (sd 1 for a constant column). */
function columnMoments(design: DesignMatrix): { mean: Float64Array; sd: Float64Array } {
  const { rows, denseWidth: width, dense } = design;
  const sum = new Float64Array(width);
  const sumSquares = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) {
      const v = dense[base + j] as number;
      sum[j] = (sum[j] as number) + v;
      sumSquares[j] = (sumSquares[j] as number) + v * v;
    }
  }
  const n = Math.max(1, rows);
  const mean = new Float64Array(width);
  const sd = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    const m = (sum[j] as number) / n;
    const variance = Math.max(0, (sumSquares[j] as number) / n - m * m);
    mean[j] = m;
    sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { mean, sd };
}

function scaleColumns(design: DesignMatrix, sd: Float64Array): void {
  const { rows, denseWidth: width, dense } = design;
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) dense[base + j] = (dense[base + j] as number) / (sd[j] as number);
  }
}

function makeEncoder(
  layout: DenseLayout,
  categorical: readonly LearnedLevels[],
  sd: Float64Array,
  settings: FeatureSettings,
  dense: readonly DenseFeature[] = [],
): FeatureEncoder {
  const width = layout.sources.length;
  const numericReaders = settings.numericFields.map((field) => fieldReader(field));
  const scratch = new Float64Array(width);
  const activityColumnOf = new Map<string, number>();
  const columnOfType = (type: string): number => {
    let column = activityColumnOf.get(type);
    if (column === undefined) {
      column = layout.activityColumn.get(normaliseActivityType(type)) ?? -1;
      activityColumnOf.set(type, column);
    }
    return column;
  };

  const encode: FeatureEncoder['encode'] = (input, out, offset, codes) => {
    const { record, fit } = input;
    scratch.fill(0);
    numericReaders.forEach((read, k) => {
      const value = read(record);
      const column = layout.numericStart + 2 * k;
      if (typeof value === 'number' && Number.isFinite(value)) scratch[column] = Math.log1p(Math.max(0, value));
      else scratch[column + 1] = 1;
    });
    scratch[layout.flagStart] = record.freeMail ? 1 : 0;
    scratch[layout.flagStart + 1] = record.emailValid ? 0 : 1;
    for (const c of fit.contributions) scratch[layout.ruleStart + c.ruleIndex] = 1;
    if (fit.disqualifierIndex >= 0) scratch[layout.disqualifierStart + fit.disqualifierIndex] = 1;
    for (const type in record.activity) {
      const column = columnOfType(type);
      const stat = record.activity[type];
      if (column >= 0 && stat !== undefined) scratch[column] = (scratch[column] as number) + Math.max(0, stat.count);
    }
    for (let column = layout.activityStart; column < width; column++) scratch[column] = Math.log1p(scratch[column] as number);
    for (let j = 0; j < width; j++) out[offset + j] = (scratch[j] as number) / (sd[j] as number);
    for (let f = 0; f < categorical.length; f++) {
      const levels = categorical[f] as LearnedLevels;
      codes[f] = levels.codeOf(levels.read(record));
    }
  };

  const design = (inputs: readonly ModelInput[]): DesignMatrix => {
    const rows = inputs.length;
    const values = new Float32Array(rows * width);
    const columns = categorical.map(() => new Int32Array(rows));
    const codes = new Int32Array(categorical.length);
    inputs.forEach((input, i) => {
      encode(input, values, i * width, codes);
      columns.forEach((column, f) => {
        column[i] = codes[f] as number;
      });
    });
    return {
      rows,
      denseWidth: width,
      dense: values,
      categorical: columns.map((codesOfColumn, f) => ({ levels: (categorical[f] as LearnedLevels).levels.length, codes: codesOfColumn })),
    };
  };

  return {
    dense,
    categorical: categorical.map(({ field, levels }) => ({ field, levels })),
    encode,
    design,
  };
}

interface LearnedLevels {
  readonly field: string;
  readonly levels: readonly string[];
  readonly read: FieldReader;
  codeOf(value: string | number | boolean | null): number;
}

/** Most leads the survey of activity types and categorical values looks at. */
const SURVEY_ROWS = 100_000;

interface TrainingSurvey {
  /** Leads surveyed. */
  readonly sampled: number;
  /** Leads with at least one event, per raw activity type. */
  readonly leadsPerRawType: Map<string, number>;
  /** Per categorical field: leads per raw value. */
  readonly valueCounts: Map<string | number | boolean, number>[];
}

/**
 * Counts activity types and categorical values over at most {@link SURVEY_ROWS} evenly spaced
 * leads: enough to find the frequent ones, and at half a million leads a full pass over the
 * records costs seconds in memory traffic.
 */
function surveyTrainingSet(training: readonly ModelInput[], categoricalFields: readonly string[]): TrainingSurvey {
  const readers = categoricalFields.map((field) => fieldReader(field));
  const leadsPerRawType = new Map<string, number>();
  const valueCounts = readers.map(() => new Map<string | number | boolean, number>());
  const sampled = Math.min(training.length, SURVEY_ROWS);
  const stride = training.length / Math.max(1, sampled);
  for (let s = 0; s < sampled; s++) {
    const { record } = training[Math.floor(s * stride)] as ModelInput;
    for (const type in record.activity) {
      if ((record.activity[type]?.count ?? 0) > 0) leadsPerRawType.set(type, (leadsPerRawType.get(type) ?? 0) + 1);
    }
    for (let f = 0; f < readers.length; f++) {
      const value = (readers[f] as FieldReader)(record);
      if (value === null) continue;
      const counts = valueCounts[f] as Map<string | number | boolean, number>;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return { sampled, leadsPerRawType, valueCounts };
}

/** Frequent values of a field among the training leads get a level; the rest share "(other)". */
function learnLevels(
  field: string,
  rawCounts: ReadonlyMap<string | number | boolean, number>,
  minCount: number,
  maxLevels: number,
): LearnedLevels {
  const read = fieldReader(field);
  // Merge raw values equal up to case and spaces.
  const counts = new Map<string, { count: number; display: string }>();
  for (const [value, n] of rawCounts) {
    const key = levelKey(value);
    const entry = counts.get(key);
    if (entry) entry.count += n;
    else counts.set(key, { count: n, display: String(value).trim() });
  }
  const kept = [...counts.entries()]
    .filter(([, e]) => e.count >= minCount)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxLevels);
  const codeByKey = new Map(kept.map(([key], i) => [key, i]));
  const other = kept.length;
  const missing = kept.length + 1;
  // Raw values repeat ("Software" thousands of times): remember their code, skip re-normalising.
  const codeByRaw = new Map<string | number | boolean, number>();
  return {
    field,
    levels: [...kept.map(([, e]) => e.display), OTHER_LEVEL, MISSING_LEVEL],
    read,
    codeOf: (value) => {
      if (value === null) return missing;
      let code = codeByRaw.get(value);
      if (code === undefined) {
        code = codeByKey.get(levelKey(value)) ?? other;
        if (codeByRaw.size < 100_000) codeByRaw.set(value, code);
      }
      return code;
    },
  };
}

function levelKey(value: string | number | boolean): string {
  return String(value).trim().toLowerCase();
}

/**
 * Activity types done by at least `minLeads` training leads, most common first. Counted per raw
 * type (in the survey) and then merged by normalised name: a lead with two spellings of one type counts twice,
 * which only matters near the threshold and saves normalising names per lead.
 */
function frequentActivityTypes(leadsPerRawType: ReadonlyMap<string, number>, minLeads: number): string[] {
  const leadsPerType = new Map<string, number>();
  for (const [type, n] of leadsPerRawType) {
    const normalised = normaliseActivityType(type);
    leadsPerType.set(normalised, (leadsPerType.get(normalised) ?? 0) + n);
  }
  return [...leadsPerType.entries()]
    .filter(([, n]) => n >= minLeads)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_ACTIVITY_TYPES)
    .map(([type]) => type);
}
