import { Injectable, Module, Type } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobName } from '../../src/config/job-definitions';
import type { JobContext, JobHandler, JobResult } from '../../src/jobs/job.types';
import { SyncJob } from '../../src/jobs/sync-job.decorator';

let counter = 0;

/** A module registering a test-only handler for `name` (overriding the feature's, if any). */
export function testJob(
  name: JobName,
  run: (context: JobContext) => Promise<JobResult> | JobResult,
  unavailableReason: string | null = null,
): Type {
  class TestJobHandler implements JobHandler {
    async run(context: JobContext): Promise<JobResult> {
      return run(context);
    }
    unavailableReason(): string | null {
      return unavailableReason;
    }
  }
  Object.defineProperty(TestJobHandler, 'name', { value: `TestJob_${name}_${++counter}` });
  SyncJob(name, { override: true })(TestJobHandler);
  Injectable()(TestJobHandler);
  class TestJobModule {}
  Object.defineProperty(TestJobModule, 'name', { value: `TestJobModule_${name}_${counter}` });
  Module({ providers: [TestJobHandler] })(TestJobModule);
  return TestJobModule;
}

/** A job that blocks until released (or aborted), to hold its lock while a test triggers it again. */
export function blockingJob(name: JobName) {
  let release!: () => void;
  let released = new Promise<void>((resolve) => (release = resolve));
  let signalStarted!: () => void;
  let started = new Promise<void>((resolve) => (signalStarted = resolve));
  const state = {
    calls: 0,
    module: testJob(name, async (context) => {
      state.calls += 1;
      context.progress(1, 2);
      signalStarted();
      await Promise.race([
        released,
        new Promise((_, reject) =>
          context.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        ),
      ]);
      context.progress(2, 2);
      return { counts: { read: 2, created: 1 } };
    }),
    get started() {
      return started;
    },
    release() {
      release();
    },
    /** Ready for another blocking run. */
    reset() {
      released = new Promise<void>((resolve) => (release = resolve));
      started = new Promise<void>((resolve) => (signalStarted = resolve));
    },
  };
  return state;
}

export interface PushServer {
  url: string;
  requests: URL[];
  /** Resolves with the next request received. */
  next(): Promise<URL>;
  close(): Promise<void>;
}

/** A local stand-in for Uptime Kuma's push endpoint (or, with hang = true, one that never answers). */
export async function startPushServer(options: { hang?: boolean } = {}): Promise<PushServer> {
  const requests: URL[] = [];
  const waiters: Array<(url: URL) => void> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    waiters.shift()?.(url);
    if (options.hang) return;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: () => new Promise<URL>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns a value (bounded: fails after `ms`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  ms = 5_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
