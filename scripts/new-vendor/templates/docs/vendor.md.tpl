# __id__ — TODO: the vendor's name and document

Spec: `shared/vendor-docs/TODO` (see "Document discrepancies").

Connector: `server/src/vendors/__id__/` — `create__Id__Connector({ baseUrl, accountId, credentials, clock,
recorder, ratePerSecond?, timeoutMs? })`. Simulator: `simulators/src/__id__/`. Registered in
`server/src/vendors/all.ts` and `simulators/src/all.ts`: TODO (see docs/adding-a-vendor.md).

| file | concept |
|---|---|
| `descriptor.ts` | id, names, credential schema, capabilities, recovery, code table, support notes, contact, demo port |
| `client.ts` | one call: build → commit (shared `VendorTransport`) → parse → success/error |
| `codes.ts` | every code of the document → standard code |
| `mapping.ts` | pure payload → domain translation |
| `recovery.ts` | the documented timetable as a `RecoveryPolicy` |

## Wire protocol
TODO: endpoint, envelope, signature (with the document's worked example), money unit, time format.

## Quirks and rules we implement
TODO: doc 000 §三 (internal vs national cinema code, date offsets), price rules, seat limits, lock lifetime.

## Code table
TODO: every code of the document, its meaning and the standard code.

## Document discrepancies
TODO: each conversion error resolved, and how.
