// The notifier carries more than order events now and lives with the channels; this path stays
// so existing imports keep working.
export { WebhookNotifier } from "../channels/webhooks.js";
