import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: Record<string, unknown>;
  correlationId?: string;
}

/** The one global filter: feature errors → 4xx/5xx with their code; anything unknown → 500 without details. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request & { id?: string }>();
    const correlationId = String(request.id ?? randomUUID());
    const { status, body } = this.toBody(exception, correlationId);
    if (status >= 500) {
      this.logger.error(
        { correlationId, err: exception, path: request.path },
        exception instanceof Error ? exception.message : String(exception),
      );
    } else {
      // The client's mistake, not ours: one line, no stack.
      this.logger.warn({ status, error: body.error, path: request.path }, [body.message].flat().join('; '));
    }
    if (response.headersSent) return;
    const wantsHtml = request.accepts(['json', 'html']) === 'html' && !request.path.startsWith('/api');
    // A page asked without a staff session: to the sign-in page, coming back here afterwards.
    if (wantsHtml && status === HttpStatus.UNAUTHORIZED && request.method === 'GET') {
      response.redirect(302, `/connexion?suite=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (wantsHtml && typeof response.render === 'function' && status !== HttpStatus.UNAUTHORIZED) {
      response
        .status(status)
        .type('text/plain')
        .send(`${status} ${body.error}: ${[body.message].flat().join('; ')}`);
      return;
    }
    response.status(status).json(body);
  }

  private toBody(exception: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (exception instanceof AppError) {
      return {
        status: exception.httpStatus,
        body: {
          statusCode: exception.httpStatus,
          error: exception.code,
          message: exception.message,
          details: exception.details,
          ...(exception.httpStatus >= 500 ? { correlationId } : {}),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'object' && payload !== null && 'message' in payload
          ? (payload as { message: string | string[] }).message
          : exception.message;
      const error =
        typeof payload === 'object' && payload !== null && 'error' in payload
          ? String((payload as { error: unknown }).error)
          : (HttpStatus[status] ?? 'Error');
      return {
        status,
        body: { statusCode: status, error, message, ...(status >= 500 ? { correlationId } : {}) },
      };
    }
    const clientError = asClientError(exception);
    if (clientError) return clientError;
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        statusCode: 500,
        error: 'INTERNAL_ERROR',
        message: 'An unexpected error occurred; quote the correlation id to IT.',
        correlationId,
      },
    };
  }
}

/**
 * The request errors of Express' body parsers (http-errors: 413 too large, 415 charset, 400
 * malformed, …) are the client's: passed on with their status and type, never as a 500.
 */
function asClientError(exception: unknown): { status: number; body: ErrorBody } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, type, message } = exception as {
    status?: unknown;
    expose?: unknown;
    type?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  return {
    status,
    body: {
      statusCode: status,
      error:
        typeof type === 'string' ? type.toUpperCase().replace(/\./g, '_') : (HttpStatus[status] ?? 'Error'),
      message: typeof message === 'string' ? message : 'Bad request',
    },
  };
}
