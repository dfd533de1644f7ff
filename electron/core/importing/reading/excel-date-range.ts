import { createRequire } from 'node:module';

/** The last serial Excel displays as a date (9999-12-31 23:59:59.999 in the 1900 date system). */
const LAST_DATE_SERIAL = 2_958_466;

/**
 * A number cell formatted as a date that Excel cannot show as one (it shows ####): a serial past
 * 9999-12-31 or before its first day, such as epoch milliseconds in a column formatted as dates.
 * It carries the number the cell holds, which is what is imported.
 */
export class OutOfRangeDate extends Date {
  constructor(readonly serial: number) {
    super(Number.NaN);
  }
}

interface ExcelUtils {
  excelToDate(v: number, date1904?: boolean): Date;
  __rscwDateRange?: true;
}

/**
 * exceljs's streaming reader turns every date-formatted number into a Date through
 * `utils.excelToDate`; for a number past Excel's range that is an Invalid Date and the number is
 * lost. Wrapped once here (the reader calls it through the shared module object), such a number
 * comes out as an OutOfRangeDate holding it.
 */
export function keepOutOfRangeDateNumbers(): void {
  const utils = createRequire(import.meta.url)('exceljs/lib/utils/utils.js') as ExcelUtils;
  if (utils.__rscwDateRange) return;
  const excelToDate = utils.excelToDate.bind(utils);
  utils.excelToDate = (v, date1904) => {
    if (Number.isFinite(v) && (v < 0 || v >= LAST_DATE_SERIAL)) return new OutOfRangeDate(v);
    return excelToDate(v, date1904);
  };
  utils.__rscwDateRange = true;
}

/** Formula results are converted here, not by exceljs: the same range applies. */
export function serialOutOfRange(serial: number): boolean {
  return serial < 0 || serial >= LAST_DATE_SERIAL;
}
