import { HttpStatus } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { faultToError, lastTracebackLine, OdooError, OdooErrorCode } from './odoo.error';

const call = { service: 'object', method: 'search_read', model: 'res.partner' };
const traceback = (last: string) =>
  'Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/odoo/http.py", line 368, in dispatch_rpc\n' +
  `    return dispatch(method, params)\n${last}\n`;

describe('faultToError', () => {
  it('code 1: the last traceback line is the message, the traceback stays out of details', () => {
    const error = faultToError(1, traceback("ValueError: Invalid field 'x' on model 'res.partner'"), call);
    expect(error.code).toBe(OdooErrorCode.ProgrammingError);
    expect(error.message).toBe("ValueError: Invalid field 'x' on model 'res.partner'");
    expect(error.traceback).toContain('Traceback (most recent call last)');
    expect(JSON.stringify(error.details)).not.toContain('Traceback');
    expect(error.details).toMatchObject({ external: true, faultCode: 1, model: 'res.partner' });
    expect(error.httpStatus).toBe(HttpStatus.BAD_GATEWAY);
    expect(error.transient).toBe(false);
  });

  it('code 1 "cannot marshal None" is NONE_RESULT (the change was committed)', () => {
    const error = faultToError(1, traceback('TypeError: cannot marshal None unless allow_none is enabled'), {
      service: 'object',
      method: 'button_cancel',
      model: 'account.move',
    });
    expect(error.code).toBe(OdooErrorCode.NoneResult);
    expect(error.message).toContain('account.move.button_cancel returned None');
  });

  it('codes 2, 3 and 4', () => {
    expect(faultToError(2, 'You need to add a line before posting.', call)).toMatchObject({
      code: OdooErrorCode.BusinessError,
      message: 'You need to add a line before posting.',
    });
    expect(faultToError(3, 'Access Denied', call).code).toBe(OdooErrorCode.AccessDenied);
    expect(faultToError('4', 'Access to unauthorized or invalid companies.', call)).toMatchObject({
      code: OdooErrorCode.AccessError,
      message: 'Access to unauthorized or invalid companies.',
    });
  });

  it('lastTracebackLine skips trailing blank lines', () => {
    expect(lastTracebackLine('a\nb: c\n\n  \n')).toBe('b: c');
    expect(lastTracebackLine('')).toBe('');
  });
});

describe('OdooError', () => {
  it('our own mistakes are 500 and not marked external', () => {
    const error = new OdooError(OdooErrorCode.InvalidParams, 'bad');
    expect(error.httpStatus).toBe(500);
    expect(error.details?.external).toBeUndefined();
    expect(OdooError.is(error, OdooErrorCode.InvalidParams)).toBe(true);
    expect(error.feature).toBe('odoo');
  });
});
