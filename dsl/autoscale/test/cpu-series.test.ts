import { InvalidCpuSeriesError, parseCpuCsv, parseCpuSpec } from '../explain/cpu-series';

describe('parseCpuSpec', () => {
  it('expands PERCENTxMINUTES parts into one value per minute', () => {
    expect(parseCpuSpec('20x2,90x3,10')).toEqual([20, 20, 90, 90, 90, 10]);
  });

  it.each(['', '20x0', '20x1.5', '120x2', 'abcx2', '20x2x3', '-5x1'])('rejects %p', (spec) => {
    expect(() => parseCpuSpec(spec)).toThrow(InvalidCpuSeriesError);
  });
});

describe('parseCpuCsv', () => {
  it('reads minute,cpu rows after a header', () => {
    expect(parseCpuCsv('minute,cpu\n0,20\n1,35.5\n\n2,90\n')).toEqual([20, 35.5, 90]);
  });

  it('reads single-column rows and skips comments', () => {
    expect(parseCpuCsv('# spike\n10\n80\r\n')).toEqual([10, 80]);
  });

  it('names the row of an invalid value', () => {
    expect(() => parseCpuCsv('cpu\n10\nhigh\n')).toThrow(/"high" on CSV row 3/);
  });

  it('rejects a file without rows', () => {
    expect(() => parseCpuCsv('cpu\n')).toThrow(/no CPU rows/);
  });
});
