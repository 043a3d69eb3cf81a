/**
 * Writes `orders.csv` and `customers.csv`, customer by customer, until the target row count is
 * reached (and every converted lead has become a customer).
 *
 * A customer's paid orders follow BG/NBD in continuous time from their first purchase to the
 * observation end, each order's value Gamma-Gamma ({@link CUSTOMER_MODEL}). Everything else is
 * extra rows around that process, so it stays exact for the paid, non-return, good rows:
 * cancelled attempts before some orders, return rows after some, and bad rows (each bad for
 * exactly one reason, with its own order id).
 *
 * @example
 * ```ts
 * const result = await generateOrders({ outDir, rng: new Random(42, 1), clock, ... });
 * result.orders.rowsWritten; // ≈ orderRows
 * ```
 */
import { join } from 'node:path';
import {
  NON_NUMERIC_PRICES,
  ORDER_BAD_ROW_REASONS,
  UNPARSEABLE_TIMESTAMPS,
  zeroCounts,
  type OrderBadRowReason,
} from './badRowReasons.ts';
import { CsvFileWriter, csvField } from './CsvFileWriter.ts';
import { CUSTOMER_MODEL } from './customerModel.ts';
import type { LeadConverters } from './generateLeads.ts';
import { cumulativeWeights, type Random } from './random.ts';
import type { CustomersTruth, OrdersTruth } from './SampleDataTruth.ts';
import { SECONDS_PER_DAY, SECONDS_PER_WEEK, TWO_DIGITS, type TimestampFormat } from './timestampFormat.ts';
import {
  AGE_BAND_WEIGHTS,
  AGE_BANDS,
  CHANNEL_WEIGHTS,
  CHANNELS,
  COUNTRIES,
  CUSTOMER_COUNTRY_WEIGHTS,
  CUSTOMER_EMAIL_DOMAIN_WEIGHTS,
  CUSTOMER_EMAIL_DOMAINS,
  EURO_COUNTRY,
  FIRST_NAMES,
  GENDER_WEIGHTS,
  GENDERS,
  INCOME_BAND_WEIGHTS,
  INCOME_BANDS,
  LAST_NAMES,
  PREFERRED_CONTACT_WEIGHTS,
  PREFERRED_CONTACTS,
  PRICE_SENSITIVITIES,
  PRICE_SENSITIVITY_IF_DISCOUNT_DRIVEN,
  PRICE_SENSITIVITY_OTHERWISE,
  PRODUCT_CATEGORIES,
  PRODUCT_CATEGORY_WEIGHTS,
} from './vocabulary.ts';

export interface OrderGenerationInput {
  readonly outDir: string;
  readonly rng: Random;
  /** Stream for the planted behaviour (category specialists), apart so `rng`'s draws are unchanged. */
  readonly behaviourRng: Random;
  readonly clock: TimestampFormat;
  /** Seconds from the clock's base day (history start) to asOf 00:00. */
  readonly observationEndSeconds: number;
  readonly orderRows: number;
  readonly badRowRate: number;
  readonly converters: LeadConverters;
}

export interface OrderGenerationResult {
  readonly orders: OrdersTruth;
  readonly customers: CustomersTruth;
  readonly badRows: Record<OrderBadRowReason, number>;
}

const LINE_COUNT_WEIGHTS = cumulativeWeights([...CUSTOMER_MODEL.linesPerOrder]);
const QUANTITY_WEIGHTS = cumulativeWeights([55, 22, 10, 6, 4, 3]);
const SENSITIVITY_IF_DISCOUNT_DRIVEN = cumulativeWeights(PRICE_SENSITIVITY_IF_DISCOUNT_DRIVEN);
const SENSITIVITY_OTHERWISE = cumulativeWeights(PRICE_SENSITIVITY_OTHERWISE);
const MAX_LINES = CUSTOMER_MODEL.linesPerOrder.length;
/** Rows per customer assumed before the first customer is written (about 9 at these parameters). */
const INITIAL_ROWS_PER_CUSTOMER = 9;
/** How far income_band moves per unit of ln(customer's mean order value / population mean). */
const INCOME_SHIFT_PER_LOG_SPEND = 1.5;
/** A cancelled attempt comes this many minutes before the paid order. */
const CANCELLED_ATTEMPT_MINUTES_BEFORE = [5, 360] as const;
/** The per-customer truth file. */
const CUSTOMER_TRUTH_FILE = 'customer_truth.csv';
/** A future-dated bad row is this many days after the observation end. */
const FUTURE_DAYS = [1, 180] as const;

/** `,` + channel + `,` + category + `,` + country, for every combination: the end of an order row. */
const ROW_ENDINGS: readonly string[] = CHANNELS.flatMap((channel) =>
  PRODUCT_CATEGORIES.flatMap((category) => COUNTRIES.map((country) => ',' + channel + ',' + category + ',' + country)),
);
const LINE_NUMBER_FIELDS: readonly string[] = [',1', ',2', ',3'];
const QUANTITY_FIELDS: readonly string[] = Array.from({ length: 8 }, (_, q) => q + ',');
/** Amount texts by cents, filled on first use: most amounts repeat, so most rows skip the formatting. */
const AMOUNT_CACHE_LIMIT = 100_000;
const amountTexts: string[] = new Array<string>(AMOUNT_CACHE_LIMIT).fill('');
const amountFields: string[] = new Array<string>(AMOUNT_CACHE_LIMIT).fill('');

/**
 * Generate the customer files.
 * @example const { orders } = await generateOrders(input); orders.goodRows + orders.badRows;
 */
export async function generateOrders(input: OrderGenerationInput): Promise<OrderGenerationResult> {
  const { rng, clock, converters } = input;
  const end = input.observationEndSeconds;
  const { bgnbd, gammaGamma } = CUSTOMER_MODEL;
  const meanOrderValue = (gammaGamma.p * gammaGamma.v) / (gammaGamma.q - 1);
  const ordersOut = new CsvFileWriter(
    join(input.outDir, 'orders.csv'),
    'order_id,line_no,customer_id,email,order_date,status,currency,quantity,unit_price,discount,channel,product_category,country',
  );
  const customersOut = new CsvFileWriter(
    join(input.outDir, 'customers.csv'),
    'customer_id,age_band,gender,country,income_band,price_sensitivity,preferred_contact',
  );
  const truthOut = new CsvFileWriter(
    join(input.outDir, CUSTOMER_TRUTH_FILE),
    'customer_id,discount_driven,category_specialist,preferred_category,preferred_channel',
  );

  const badRows = zeroCounts(ORDER_BAD_ROW_REASONS);
  const badOdds = input.badRowRate / (1 - input.badRowRate);
  const lineQuantity = new Int32Array(MAX_LINES);
  const linePriceCents = new Int32Array(MAX_LINES);
  const lineDiscountCents = new Int32Array(MAX_LINES);
  const lineCategory = new Uint8Array(MAX_LINES);

  let nextOrderNumber = 100_000;
  let customers = 0;
  let customersFromLeads = 0;
  let customersWithGoodPaidOrder = 0;
  let discountDrivenCustomers = 0;
  let categorySpecialistCustomers = 0;
  let goodRows = 0;
  let paidRows = 0;
  let paidOrders = 0;
  let cancelledOrders = 0;
  let cancelledRows = 0;
  let returnRows = 0;
  let eurRows = 0;
  let discountedRows = 0;

  // The current customer, read by the row writers below.
  let customerId = '';
  let identity = '';
  let country = 0;
  let currency = 'USD';
  let fx = 1;
  let discountProbability = 0;
  let preferredChannel = 0;
  let preferredCategory = 0;
  let categorySpecialist = false;

  let nextConverter = 0;
  const converterCount = converters.emails.length;
  while (ordersOut.rows < input.orderRows || nextConverter < converterCount) {
    let fromLead = false;
    if (nextConverter < converterCount) {
      if (ordersOut.rows >= input.orderRows) fromLead = true;
      else {
        // Spread converted leads evenly over the customers still to come.
        const rowsPerCustomer = customers > 0 ? ordersOut.rows / customers : INITIAL_ROWS_PER_CUSTOMER;
        const customersLeft = Math.max(1, (input.orderRows - ordersOut.rows) / rowsPerCustomer);
        fromLead = rng.next() < (converterCount - nextConverter) / customersLeft;
      }
    }
    if (fromLead) {
      writeCustomer(
        converters.emails[nextConverter] ?? '',
        converters.firstOrderSeconds[nextConverter] ?? 0,
        converters.countries[nextConverter] ?? 0,
      );
      nextConverter++;
      customersFromLeads++;
    } else {
      const countryIndex = rng.pick(CUSTOMER_COUNTRY_WEIGHTS);
      writeCustomer(null, rng.uniform(0, end), countryIndex);
    }
    if (ordersOut.full || customersOut.full || truthOut.full) await Promise.all([ordersOut.flush(), customersOut.flush(), truthOut.flush()]);
  }
  await Promise.all([ordersOut.close(), customersOut.close(), truthOut.close()]);

  const badTotal = ORDER_BAD_ROW_REASONS.reduce((sum, reason) => sum + badRows[reason], 0);
  return {
    badRows,
    orders: {
      file: 'orders.csv',
      rowsWritten: ordersOut.rows,
      goodRows,
      badRows: badTotal,
      paidRows,
      paidOrders,
      cancelledOrders,
      cancelledRows,
      returnRows,
      returnOrderIdPrefix: 'C',
      eurRows,
      discountedRows,
      statuses: ['paid', 'cancelled'],
      customers,
      customersWithGoodPaidOrder,
      customersFromLeads,
      discountDrivenCustomers,
      categorySpecialistCustomers,
      customerTruthFile: CUSTOMER_TRUTH_FILE,
      model: { ...CUSTOMER_MODEL, meanOrderValueUsd: meanOrderValue },
      amountFormula: 'quantity * unit_price - discount',
      returnRowConvention:
        'a return row has order_id C + the original order number, status paid, line_no 1, the returned line\'s unit_price, ' +
        'and its quantity and discount negated, dated 1 to 30 days after the order',
    },
    customers: {
      file: 'customers.csv',
      rowsWritten: customersOut.rows,
      priceSensitivityGivenDiscountDriven: PRICE_SENSITIVITY_IF_DISCOUNT_DRIVEN,
      priceSensitivityOtherwise: PRICE_SENSITIVITY_OTHERWISE,
      incomeBandShiftPerLogMeanSpend: INCOME_SHIFT_PER_LOG_SPEND,
    },
  };

  /**
   * One customer: a customers.csv row and all their orders.
   * @param leadEmail the converted lead's e-mail, or null for a customer who was not a lead.
   */
  function writeCustomer(leadEmail: string | null, firstPurchase: number, countryIndex: number): void {
    customers++;
    customerId = 'C' + String(customers).padStart(6, '0');
    const email =
      leadEmail ??
      FIRST_NAMES[rng.int(FIRST_NAMES.length)] + '.' + LAST_NAMES[rng.int(LAST_NAMES.length)] + customers + '@' +
        CUSTOMER_EMAIL_DOMAINS[rng.pick(CUSTOMER_EMAIL_DOMAIN_WEIGHTS)];
    identity = ',' + customerId + ',' + email + ',';
    country = countryIndex;
    const paysEur = EURO_COUNTRY[country] === true && rng.chance(CUSTOMER_MODEL.euroCountryEurShare);
    currency = paysEur ? 'EUR' : 'USD';
    fx = paysEur ? CUSTOMER_MODEL.eurToUsd : 1;
    const discountDriven = rng.chance(CUSTOMER_MODEL.discountDrivenShare);
    if (discountDriven) discountDrivenCustomers++;
    discountProbability = discountDriven
      ? CUSTOMER_MODEL.discountedLineProbability.discountDriven
      : CUSTOMER_MODEL.discountedLineProbability.other;
    preferredChannel = rng.pick(CHANNEL_WEIGHTS);
    preferredCategory = rng.pick(PRODUCT_CATEGORY_WEIGHTS);
    categorySpecialist = input.behaviourRng.chance(CUSTOMER_MODEL.categorySpecialistShare);
    if (categorySpecialist) categorySpecialistCustomers++;
    truthOut.line(
      customerId + (discountDriven ? ',1' : ',0') + (categorySpecialist ? ',1,' : ',0,') + PRODUCT_CATEGORIES[preferredCategory] + ',' +
        CHANNELS[preferredChannel],
    );

    const purchaseRatePerWeek = rng.gamma(bgnbd.r, 1 / bgnbd.alpha);
    const dropoutProbability = rng.beta(bgnbd.a, bgnbd.b);
    const spendRate = rng.gamma(gammaGamma.q, 1 / gammaGamma.v);
    const meanSpend = gammaGamma.p / spendRate;

    // Richer customers spend more per order: income_band moves with the mean order value.
    const incomeShift = Math.round(Math.log(meanSpend / meanOrderValue) * INCOME_SHIFT_PER_LOG_SPEND);
    const income = Math.min(INCOME_BANDS.length - 1, Math.max(0, rng.pick(INCOME_BAND_WEIGHTS) + incomeShift));
    customersOut.line(
      customerId + ',' + AGE_BANDS[rng.pick(AGE_BAND_WEIGHTS)] + ',' + GENDERS[rng.pick(GENDER_WEIGHTS)] + ',' +
        COUNTRIES[country] + ',' + INCOME_BANDS[income] + ',' +
        PRICE_SENSITIVITIES[rng.pick(discountDriven ? SENSITIVITY_IF_DISCOUNT_DRIVEN : SENSITIVITY_OTHERWISE)] + ',' +
        PREFERRED_CONTACTS[rng.pick(PREFERRED_CONTACT_WEIGHTS)],
    );

    // BG/NBD: first purchase, then Poisson repeats; dropout only after a repeat purchase.
    let time = firstPurchase;
    purchase(time, rng.gamma(gammaGamma.p, 1 / spendRate));
    for (;;) {
      time += rng.exponential(purchaseRatePerWeek) * SECONDS_PER_WEEK;
      if (!(time < end)) break;
      purchase(time, rng.gamma(gammaGamma.p, 1 / spendRate));
      if (rng.chance(dropoutProbability)) break;
    }
    customersWithGoodPaidOrder++;
  }

  /** One purchase of the process: maybe a cancelled attempt before, the paid order, maybe a return. */
  function purchase(time: number, valueUsd: number): void {
    if (rng.chance(CUSTOMER_MODEL.cancelledAttemptProbability)) {
      const attemptTime = Math.max(0, time - rng.uniform(CANCELLED_ATTEMPT_MINUTES_BEFORE[0], CANCELLED_ATTEMPT_MINUTES_BEFORE[1]) * 60);
      cancelledRows += writeOrder(String(nextOrderNumber++), attemptTime, ',cancelled,', valueUsd);
      cancelledOrders++;
    }
    const orderNumber = nextOrderNumber++;
    const lines = writeOrder(String(orderNumber), time, ',paid,', valueUsd);
    paidRows += lines;
    paidOrders++;
    const room = (end - time) / SECONDS_PER_DAY;
    if (room > CUSTOMER_MODEL.returnDelayDays[0] && rng.chance(CUSTOMER_MODEL.returnProbability)) {
      const line = rng.int(lines);
      const delayDays = rng.uniform(CUSTOMER_MODEL.returnDelayDays[0], Math.min(CUSTOMER_MODEL.returnDelayDays[1], room));
      const discount = lineDiscountCents[line] ?? 0;
      goodRow(
        'C' + orderNumber + ',1' + identity + clock.timestamp(time + delayDays * SECONDS_PER_DAY) + ',paid,' + currency +
          ',' + -(lineQuantity[line] ?? 0) + ',' + amountField(linePriceCents[line] ?? 0) + cents(-discount) +
          ROW_ENDINGS[rowEnding(preferredChannel, lineCategory[line] ?? 0)],
        discount,
      );
      returnRows++;
    }
  }

  /** The lines of one order summing (before rounding) to its value; returns the line count. */
  function writeOrder(orderId: string, time: number, statusField: string, valueUsd: number): number {
    const lineCount = rng.pick(LINE_COUNT_WEIGHTS) + 1;
    const channel = rng.chance(CUSTOMER_MODEL.preferredChannelProbability) ? preferredChannel : rng.pick(CHANNEL_WEIGHTS);
    const shared = identity + clock.timestamp(time) + statusField + currency + ',';
    // Random shares of the order's value, one per line.
    const share0 = rng.uniform(0.2, 1);
    const share1 = lineCount > 1 ? rng.uniform(0.2, 1) : 0;
    const share2 = lineCount > 2 ? rng.uniform(0.2, 1) : 0;
    const valueCents = (valueUsd * 100) / fx / (share0 + share1 + share2);
    for (let i = 0; i < lineCount; i++) {
      const netCents = Math.max(1, Math.round(valueCents * (i === 0 ? share0 : i === 1 ? share1 : share2)));
      const drawn = rng.chance(CUSTOMER_MODEL.preferredCategoryProbability) ? preferredCategory : rng.pick(PRODUCT_CATEGORY_WEIGHTS);
      // Drawn either way, so a specialist consumes the same random numbers as anyone else.
      const category = categorySpecialist ? preferredCategory : drawn;
      const quantity = rng.pick(QUANTITY_WEIGHTS) + 1;
      const discounted = rng.chance(discountProbability);
      const fraction = discounted ? rng.uniform(CUSTOMER_MODEL.discountFraction[0], CUSTOMER_MODEL.discountFraction[1]) : 0;
      const priceCents = Math.max(1, Math.round(netCents / (1 - fraction) / quantity));
      const gross = priceCents * quantity;
      let discount = Math.round(gross * fraction);
      if (discount >= gross) discount = 0;
      lineQuantity[i] = quantity;
      linePriceCents[i] = priceCents;
      lineDiscountCents[i] = discount;
      lineCategory[i] = category;
      goodRow(
        orderId + LINE_NUMBER_FIELDS[i] + shared + QUANTITY_FIELDS[quantity] + amountField(priceCents) + amountText(discount) +
          ROW_ENDINGS[rowEnding(channel, category)],
        discount,
      );
    }
    return lineCount;
  }

  /** Write a good row, then (with the bad-row odds) one bad row next to it. */
  function goodRow(row: string, discount: number): void {
    ordersOut.line(row);
    goodRows++;
    if (fx !== 1) eurRows++;
    if (discount !== 0) discountedRows++;
    if (rng.next() < badOdds) badRow();
  }

  /** A one-line order of the current customer, bad for exactly one reason. */
  function badRow(): void {
    const reason = ORDER_BAD_ROW_REASONS[rng.int(ORDER_BAD_ROW_REASONS.length)] as OrderBadRowReason;
    badRows[reason]++;
    // No customer id and no e-mail: neither can identify the customer.
    const rowIdentity = reason === 'missing customer_id' ? ',,,' : identity;
    const date =
      reason === 'unparseable order_date'
        ? UNPARSEABLE_TIMESTAMPS[rng.int(UNPARSEABLE_TIMESTAMPS.length)]
        : reason === 'order_date after as_of'
          ? clock.timestamp(end + rng.uniform(FUTURE_DAYS[0], FUTURE_DAYS[1]) * SECONDS_PER_DAY)
          : clock.timestamp(rng.uniform(0, end));
    const rowCurrency = reason === 'currency GBP not reporting currency' ? 'GBP' : currency;
    const price =
      reason === 'amount not a number'
        ? csvField(NON_NUMERIC_PRICES[rng.int(NON_NUMERIC_PRICES.length)] ?? 'N/A') + ','
        : amountField(500 + rng.int(10_000));
    ordersOut.line(
      nextOrderNumber++ + ',1' + rowIdentity + date + ',paid,' + rowCurrency + ',' + QUANTITY_FIELDS[1 + rng.int(3)] + price +
        '0.00' + ROW_ENDINGS[rowEnding(preferredChannel, preferredCategory)],
    );
  }

  function rowEnding(channel: number, category: number): number {
    return (channel * PRODUCT_CATEGORIES.length + category) * COUNTRIES.length + country;
  }
}

/**
 * An amount in cents as a decimal string with two places (`-` for negatives).
 * @example cents(-1234); // '-12.34'
 */
function cents(value: number): string {
  if (value < 0) return '-' + cents(-value);
  const whole = Math.floor(value / 100);
  return whole + '.' + TWO_DIGITS[value - whole * 100];
}

/** {@link cents} for non-negative amounts, cached. */
function amountText(value: number): string {
  if (value >= AMOUNT_CACHE_LIMIT) return cents(value);
  const cached = amountTexts[value] ?? '';
  if (cached !== '') return cached;
  return (amountTexts[value] = cents(value));
}

/** {@link amountText} followed by a comma, cached. */
function amountField(value: number): string {
  if (value >= AMOUNT_CACHE_LIMIT) return cents(value) + ',';
  const cached = amountFields[value] ?? '';
  if (cached !== '') return cached;
  return (amountFields[value] = cents(value) + ',');
}
