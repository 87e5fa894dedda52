import { BadRequestException } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Deeper bodies are refused before validation (class-validator recurses: an 80 KB `[[[…]]]` overflowed it). */
export const MAX_BODY_DEPTH = 32;
export const MAX_BODY_BYTES = '1mb';

/** True when `value` nests objects/arrays more than `max` levels deep (iterative: no stack to overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The request body parsers (Nest's own are turned off in createApp): JSON and forms with explicit
 * limits. Their client errors (too large 413, unsupported charset 415, too many parameters 413,
 * malformed 400) carry a status that the global filter passes on; a body nested deeper than
 * MAX_BODY_DEPTH gets 400 here, before any validation.
 */
export function bodyParsers(): RequestHandler[] {
  const depthCheck = (req: Request, _res: Response, next: NextFunction) => {
    if (!nestedDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
    next(
      new BadRequestException({
        statusCode: 400,
        error: 'BODY_TOO_DEEP',
        message: `The request body nests more than ${MAX_BODY_DEPTH} levels.`,
      }),
    );
  };
  return [
    express.json({ limit: MAX_BODY_BYTES }),
    // body-parser 2 limits forms to 32 levels itself (its default depth).
    express.urlencoded({ extended: true, limit: MAX_BODY_BYTES, parameterLimit: 1000 }),
    depthCheck,
  ];
}
