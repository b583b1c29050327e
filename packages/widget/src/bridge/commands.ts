// Host -> widget commands of the webview bridge, validated strictly: a native app (or
// anything that can run script in the page) may set the session token, the language,
// or start over. Anything else, any extra key, any malformed value is refused.

/** Give the widget a session token minted by the app's backend. */
export interface SetTokenCommand {
  type: 'setToken';
  /** The token as the endpoint minted it (opaque, 16..8192 URL-safe/base64 characters). */
  token: string;
  /** When it stops working: ISO 8601 string or epoch milliseconds. Optional. */
  expiresAt?: string | number;
  /** As the endpoint's `/session` answered: the widget must ask for an email. Optional. */
  emailRequired?: boolean;
  /** As the endpoint's `/session` answered: the submission the token is bound to. Optional. */
  submissionId?: string | null;
  /** As the endpoint's `/session` answered: the applicant's opaque tag (resume needs it). Optional. */
  applicant?: string;
}

/** Switch the widget's language. */
export interface SetLocaleCommand {
  type: 'setLocale';
  /** A BCP 47 tag (`pt-BR`); the widget speaks the nearest language it has (docs/i18n.md). */
  locale: string;
}

/** Forget the applicant's progress and start over at consent. */
export interface ResetCommand {
  type: 'reset';
}

export type BridgeCommand = SetTokenCommand | SetLocaleCommand | ResetCommand;

/** What `window.argosKyc.command()` answers (never throws, so `evaluateJavascript` always gets a value). */
export type CommandResult = { ok: true } | { ok: false; error: string };

/** A parsed command, or why it was refused (the reason names keys, never values). */
export type ParsedCommand = { ok: true; command: BridgeCommand } | { ok: false; error: string };

const TOKEN = /^[A-Za-z0-9._~+/=-]{16,8192}$/;
const SUBMISSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ALLOWED_KEYS: Record<BridgeCommand['type'], readonly string[]> = {
  // The endpoint's `/session` answer can be passed through as it is, plus `type`.
  setToken: ['type', 'token', 'expiresAt', 'emailRequired', 'submissionId', 'applicant'],
  setLocale: ['type', 'locale'],
  reset: ['type'],
};

/** A submission id or an applicant tag: short, URL-safe. */
const isId = (value: unknown): value is string => typeof value === 'string' && SUBMISSION_ID.test(value);

function refuse(error: string): ParsedCommand {
  return { ok: false, error };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Reads a command from a plain object or its JSON text (Android and React Native pass
 * strings). Only own enumerable keys count; prototypes other than Object's are refused.
 */
export function parseCommand(input: unknown): ParsedCommand {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > 16_384) return refuse('command too long');
    try {
      value = JSON.parse(input);
    } catch {
      return refuse('command is not valid JSON');
    }
  }
  if (!isPlainObject(value)) return refuse('command must be an object');
  // Own keys only: a polluted Object.prototype must not add an `expiresAt` or a `type`.
  const own = (key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);
  const type = own('type');
  if (type !== 'setToken' && type !== 'setLocale' && type !== 'reset') return refuse('unknown command type');
  const extra = Object.keys(value).find((key) => !ALLOWED_KEYS[type].includes(key));
  if (extra !== undefined) return refuse(`unknown key "${extra.slice(0, 40)}" in ${type}`);
  switch (type) {
    case 'setToken': {
      const token = own('token');
      const expiresAt = own('expiresAt');
      const emailRequired = own('emailRequired');
      const submissionId = own('submissionId');
      const applicant = own('applicant');
      if (typeof token !== 'string' || !TOKEN.test(token))
        return refuse('setToken.token must be a token string');
      const command: SetTokenCommand = { type, token };
      if (expiresAt !== undefined) {
        const ms =
          typeof expiresAt === 'number'
            ? expiresAt
            : typeof expiresAt === 'string'
              ? Date.parse(expiresAt)
              : NaN;
        if (!Number.isFinite(ms) || ms <= 0)
          return refuse('setToken.expiresAt must be an ISO date or epoch milliseconds');
        command.expiresAt = expiresAt as string | number;
      }
      if (emailRequired !== undefined) {
        if (typeof emailRequired !== 'boolean') return refuse('setToken.emailRequired must be a boolean');
        command.emailRequired = emailRequired;
      }
      if (submissionId !== undefined) {
        if (submissionId !== null && !isId(submissionId))
          return refuse('setToken.submissionId must be a submission id or null');
        command.submissionId = submissionId;
      }
      if (applicant !== undefined) {
        if (!isId(applicant)) return refuse('setToken.applicant must be a tag');
        command.applicant = applicant;
      }
      return { ok: true, command };
    }
    case 'setLocale': {
      const locale = own('locale');
      // Any tag in BCP 47's canonical case (language, script, region): the widget's fallback
      // chain finds the nearest language it has, English at worst.
      if (typeof locale != 'string' || !/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/.test(locale))
        return refuse('setLocale.locale must be a language tag like pt-BR');
      return { ok: true, command: { type, locale } };
    }
    case 'reset':
      return { ok: true, command: { type } };
  }
}
