/**
 * The retry interceptor of the Node transport: resends a unary call that certainly never reached the server,
 * up to `maxRetries` times after `2^n · retryDelayMs` ms (the official Node SDK's settings and backoff), within
 * the call's deadline and until it is cancelled.
 *
 * Deliberately narrower than the SDK, which retries nearly every failure, including ones after which the
 * server may already have applied the request, so a write can land twice. Here only failures that grpc-js
 * reports before any stream reached the server application are resent: a failed pick ("No connection
 * established": no connection was READY, no stream was opened) and HTTP/2 REFUSED_STREAM. A deadline, a
 * cancellation, a dropped connection or any status from the server ends the call as it is.
 */
import * as grpc from '@grpc/grpc-js';

/** A call-options key: when set, the interceptor passes the call through (the caller retries on its own). */
export const NO_RETRY: unique symbol = Symbol('milvus-wasm.noRetry');

/** grpc-js call options with milvus-wasm's own key. */
export interface RetryCallOptions extends grpc.CallOptions {
  [NO_RETRY]?: true;
}

/** How the interceptor retries. */
export interface RetrySettings {
  maxRetries: number;
  retryDelayMs: number;
}

/**
 * grpc-js knows whether a failed call ever reached a connection (its internal `progress`) but strips that
 * before reporting; its status texts are the stable trace left. These were never delivered; anything else,
 * notably "Connection dropped" after the stream opened, may have been applied.
 */
const RESENDABLE = /^(?:No connection established|Stream refused by server)/;
/** Never delivered either, but the channel is closed: a resend would fail the same way. */
const CHANNEL_CLOSED = /^Channel closed before call started/;

/** Whether a failed call certainly never reached the server (its request cannot have been applied). */
export function neverSent(code: grpc.status, details: string | undefined): boolean {
  return code === grpc.status.UNAVAILABLE && (RESENDABLE.test(details ?? '') || CHANNEL_CLOSED.test(details ?? ''));
}

/** Whether a failed call may be resent on this channel: never sent, and the channel still open. */
function resendable(status: grpc.StatusObject): boolean {
  return status.code === grpc.status.UNAVAILABLE && RESENDABLE.test(status.details ?? '');
}

/** The call interface grpc-js's `InterceptingCall` wraps (not exported by grpc-js under a name). */
type CallLike = ConstructorParameters<typeof grpc.InterceptingCall>[0];
type CallListener = NonNullable<Parameters<CallLike['start']>[1]>;
type MessageContext = Parameters<CallLike['sendMessageWithContext']>[0];

/**
 * The interceptor. Streaming calls, calls marked {@link NO_RETRY} and `maxRetries: 0` pass straight through;
 * a unary call costs one extra object and no copy (the request message is kept by reference for a resend).
 */
export function retryInterceptor(settings: RetrySettings): grpc.Interceptor {
  return (options, nextCall) => {
    const method = options.method_definition;
    if (settings.maxRetries <= 0 || (options as RetryCallOptions)[NO_RETRY] || method.requestStream || method.responseStream) {
      return new grpc.InterceptingCall(nextCall(options));
    }
    return new grpc.InterceptingCall(new RetryingCall(options, nextCall, settings));
  };
}

/**
 * One unary call over one or more attempts. It replays what the caller sent (metadata, the message,
 * half-close) on each new attempt, delivers only the last attempt's message and status, and forwards
 * response metadata at once (an attempt that got any was delivered, so it is never retried).
 */
class RetryingCall implements CallLike {
  private current: CallLike;
  private listener: CallListener = {};
  private metadata: grpc.Metadata | undefined;
  private message: { context: MessageContext; value: unknown } | undefined;
  private halfClosed = false;
  private reading = false;
  private retries = 0;
  private readonly startedAt = Date.now();
  private readonly deadlineAt: number;
  private backoff: NodeJS.Timeout | undefined;
  private cancelled = false;
  private finished = false;

  constructor(private readonly options: grpc.InterceptorOptions, private readonly nextCall: grpc.NextCall, private readonly settings: RetrySettings) {
    const deadline = options.deadline ?? Infinity;
    this.deadlineAt = deadline instanceof Date ? deadline.getTime() : deadline;
    this.current = nextCall(options);
  }

  start(metadata: grpc.Metadata, listener?: Partial<CallListener>): void {
    this.metadata = metadata;
    this.listener = listener ?? {};
    this.startAttempt(this.current, metadata);
  }

  sendMessageWithContext(context: MessageContext, message: unknown): void {
    this.message = { context, value: message };
    this.current.sendMessageWithContext(context, message);
  }

  sendMessage(message: unknown): void {
    this.sendMessageWithContext({}, message);
  }

  halfClose(): void {
    this.halfClosed = true;
    this.current.halfClose();
  }

  startRead(): void {
    this.reading = true;
    this.current.startRead();
  }

  cancelWithStatus(code: grpc.status, details: string): void {
    this.cancelled = true;
    if (this.backoff === undefined) {
      this.current.cancelWithStatus(code, details);
      return;
    }
    clearTimeout(this.backoff);
    this.backoff = undefined;
    this.finish({ code, details, metadata: new grpc.Metadata() }, null);
  }

  getPeer(): string {
    return this.current.getPeer();
  }

  getAuthContext(): ReturnType<CallLike['getAuthContext']> {
    return this.current.getAuthContext();
  }

  private startAttempt(call: CallLike, metadata: grpc.Metadata): void {
    // A unary call gets its message (null when none came) just before its status.
    let reply: unknown = null;
    let heard = false;
    call.start(metadata, {
      onReceiveMetadata: (received) => {
        heard = true;
        this.listener.onReceiveMetadata?.(received);
      },
      onReceiveMessage: (message) => {
        if (message !== null && message !== undefined) heard = true;
        reply = message;
      },
      onReceiveStatus: (status) => this.settle(status, reply, heard),
    });
  }

  private settle(status: grpc.StatusObject, reply: unknown, heard: boolean): void {
    if (this.finished) return;
    if (this.cancelled || heard || !resendable(status)) return this.finish(this.annotated(status, ''), reply);
    if (this.retries >= this.settings.maxRetries) return this.finish(this.annotated(status, ''), reply);
    const delay = 2 ** (this.retries + 1) * this.settings.retryDelayMs;
    const left = this.deadlineAt - Date.now();
    if (delay >= left) return this.finish(this.annotated(status, `; no further attempt: the deadline is ${Math.max(0, Math.round(left))} ms away`), reply);
    this.retries++;
    this.backoff = setTimeout(() => {
      this.backoff = undefined;
      this.resend();
    }, delay);
  }

  private resend(): void {
    const call = this.nextCall(this.options);
    this.current = call;
    // Layers below may add to the metadata they are given; each attempt starts from the caller's.
    this.startAttempt(call, this.metadata!.clone());
    if (this.message) call.sendMessageWithContext(this.message.context, this.message.value);
    if (this.halfClosed) call.halfClose();
    if (this.reading) call.startRead();
  }

  /** The status with how often it was retried (the SDK adds the same to its final failures). */
  private annotated(status: grpc.StatusObject, why: string): grpc.StatusObject {
    if (status.code === grpc.status.OK || (this.retries === 0 && why === '')) return status;
    const tried = `retried ${this.retries} time${this.retries === 1 ? '' : 's'} over ${Date.now() - this.startedAt} ms${why}`;
    return { ...status, details: `${status.details} (${tried})` };
  }

  private finish(status: grpc.StatusObject, reply: unknown): void {
    this.finished = true;
    this.listener.onReceiveMessage?.(reply);
    this.listener.onReceiveStatus?.(status);
  }
}
