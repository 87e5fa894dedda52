import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { findSecretKey } from '../secrets';

/** Largest id of Odoo and of our tables (signed 32-bit INT). */
export const MAX_ID = 2_147_483_647;

/**
 * A record id: a positive 32-bit integer (1e30, 1e308 or 2^63 pass @IsInt but are no id), from a
 * JSON number or a path/query/form string.
 */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt(options),
    Min(1, options),
    Max(MAX_ID, { message: ({ property }) => `${property} must be an id (1 to ${MAX_ID})`, ...options }),
  );
}

/** An object none of whose keys, at any depth, names a secret (xCleAPI, password, token…): it is stored and shown. */
export function HasNoSecretKeys(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'hasNoSecretKeys',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: ({ property }) =>
          `${property} must not carry a secret (keys, passwords, tokens are configuration)`,
        ...options,
      },
      validator: { validate: (value: unknown) => findSecretKey(value) === null },
    });
}
