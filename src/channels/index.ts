/**
 * The list of channels. main.ts starts each module's background part and registers its sender; the HTTP app
 * registers each module's routes; /api/v1/channel-accounts offers each module's settings. Adding a channel is
 * one folder under channels/ and one line here (docs/architecture.md, "Channel modules").
 */
import type { ChannelModule } from './channel.js';
import { emailChannel } from './email/index.js';
import { chatChannel } from './chat/index.js';
import { phoneChannel } from './phone/index.js';
import { helpCenterChannel } from './help-center/index.js';
import { telegramChannel } from './telegram/index.js';

export const CHANNEL_MODULES: readonly ChannelModule[] = [emailChannel, chatChannel, phoneChannel, helpCenterChannel, telegramChannel];
