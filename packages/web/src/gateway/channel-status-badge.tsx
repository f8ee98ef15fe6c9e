import { Badge, Tooltip } from '@mantine/core';
import { useMessages } from '../i18n/locale-context.js';
import { channelMessages } from './channel-messages.js';
import type { ChannelStatus } from './gateway-api.js';

const statusLooks = {
  enabled: { color: 'teal', label: 'statusEnabled' },
  disabled: { color: 'gray', label: 'statusDisabled' },
  auto_disabled: { color: 'red', label: 'statusAutoDisabled' },
} as const;

/** The channel's status; an auto-disabled one carries the router's reason in a tooltip. */
export function ChannelStatusBadge({ status, reason }: { status: ChannelStatus; reason: string | null }) {
  const t = useMessages(channelMessages);
  const look = statusLooks[status];
  const badge = (
    <Badge miw="max-content" color={look.color} data-status={status}>
      {t(look.label)}
    </Badge>
  );
  if (!reason) return badge;
  return (
    <Tooltip label={reason} multiline maw={360} withArrow>
      {badge}
    </Tooltip>
  );
}
