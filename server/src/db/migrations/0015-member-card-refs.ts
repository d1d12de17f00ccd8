import { type Kysely, sql } from "kysely";

/**
 * Opaque member-card handles (issue 16, API.md `cardRef`). A channel verifies a card once (number +
 * password at the vendor) and then names it by `cardRef`; the handle is bound to that channel and
 * cinema, so one channel can never use another's handle or a card at another cinema. The card
 * number is kept (it is printed on the card and shown masked); the password never is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table member_card_refs (
      ref text primary key,
      channel_id text not null references channels (id) on delete cascade,
      cinema_id text not null references cinemas (id) on delete cascade,
      card_no text not null,
      created_at timestamptz not null default now(),
      unique (channel_id, cinema_id, card_no)
    )`.execute(db);
}
