// The webview bridge: kyc-* events to iOS, Android, React Native and Flutter hosts;
// setToken / setLocale / reset commands back. See docs/integration.md.
export {
  connectBridge,
  TOKEN_REQUEST_TIMEOUT_MS,
  type ArgosKycGlobal,
  type BridgeCommands,
  type BridgeConnection,
  type BridgeHost,
} from './bridge.ts';
export {
  parseCommand,
  type BridgeCommand,
  type CommandResult,
  type ParsedCommand,
  type ResetCommand,
  type SetLocaleCommand,
  type SetTokenCommand,
} from './commands.ts';
export {
  bridgeMessage,
  nativeHostPresent,
  postToNative,
  type BridgeMessage,
  type NativeTarget,
} from './native.ts';
