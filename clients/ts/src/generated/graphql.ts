import type { JsonValue } from './json.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 4217 alphabetic currency code, e.g. `"EUR"`. */
  CurrencyCode: { input: string; output: string; }
  /**
   * A calendar date without a time or zone: an RFC 3339 full-date string `"YYYY-MM-DD"`, e.g.
   * `"2026-12-01"`, in the years 1 to 9999.
   */
  Date: { input: string; output: string; }
  /**
   * An instant in time: an RFC 3339 date-time string with an offset, e.g.
   * `"2026-12-01T10:00:00Z"` or `"2026-12-01T11:00:00+01:00"`. Answers are in UTC (`+00:00`),
   * with fractional seconds when the instant has them (microsecond precision is stored).
   */
  DateTime: { input: string; output: string; }
  /**
   * An exact decimal quantity or rate as a string, e.g. `"12.50"`: `-?digits(.digits)?`, at
   * most 28 digits; a JSON number is refused. Never money (that is an integer amount in
   * minor units plus a currency).
   */
  Decimal: { input: string; output: string; }
  /**
   * Any JSON value (RFC 8259): an object, array, string, number, boolean or null, passed
   * through as it is. Used where the shape depends on the entity's kind (e.g. a row or an
   * event payload); field names inside are camelCase.
   */
  JSON: { input: JsonValue; output: JsonValue; }
  /**
   * A signed 64-bit integer (-9223372036854775808 to 9223372036854775807) as a JSON number,
   * e.g. an amount of money in the currency's minor units (`1250` for 12.50 EUR). GraphQL's
   * `Int` holds only 32 bits. Also read from a string of digits, for clients whose numbers
   * cannot hold 64 bits exactly (JavaScript's are exact up to 2^53).
   */
  Long: { input: number | string; output: number; }
  /** A time zone of the IANA time zone database, by name, e.g. `"Europe/Berlin"` or `"UTC"`. */
  TimeZone: { input: string; output: string; }
};

/** A personal access token (never its secret). */
export type AccessToken = {
  __typename?: 'AccessToken';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When it stops working; null: until revoked. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** The token's id (pass it to `revokeAccessToken`). */
  id: Scalars['ID']['output'];
  /** When it was last used (to the minute); null if never. */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  /** What it is for, as given at creation. */
  name: Scalars['String']['output'];
  /** Where it may act; its rights there are the lesser of the scope and your role. */
  scopes: Array<AccessTokenScope>;
};

/** A workspace a token acts in, and how. */
export type AccessTokenScope = {
  __typename?: 'AccessTokenScope';
  /** What the token may do there (capped by your role). */
  access: TokenAccess;
  /** The workspace. */
  workspaceId: Scalars['ID']['output'];
};

/** A workspace a new token may act in, and how. */
export type AccessTokenScopeInput = {
  /** `READ` (queries, subscriptions, pulls) or `WRITE` (also mutations and pushes). */
  access: TokenAccess;
  /** The workspace (default: your personal one). You must be a member. */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** An own account: its balances come from transactions' postings. */
export type Account = Node & {
  __typename?: 'Account';
  /** The day the account was closed; closing needs a zero balance, and a closed account takes no postings. */
  closedOn: Maybe<Scalars['Date']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The account's ISO 4217 currency; postings to it are in this currency. Fixed once it has postings. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** The bank or institution. */
  institution: Scalars['String']['output'];
  /** What the account is. */
  kind: AccountType;
  /** The account number, masked: at most its last four digits visible (`****1234`). */
  maskedNumber: Scalars['String']['output'];
  /** The account's name. */
  name: Scalars['String']['output'];
  /** Off budget (tracking only, e.g. investments, a mortgage): its transactions are not budget activity. */
  offBudget: Scalars['Boolean']['output'];
  /** The day the account was opened. */
  openedOn: Maybe<Scalars['Date']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

/** Which Account entities a list keeps: every given entry must hold. */
export type AccountFilter = {
  /** Keeps those whose `closedOn` is this; null: those without one. */
  closedOn?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `closedOn` is after this (exclusive). */
  closedOnAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `closedOn` is before this (exclusive). */
  closedOnBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `currencyCode` is this. */
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `kind` is any of these. */
  kind?: InputMaybe<Array<AccountType>>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `offBudget` is this. */
  offBudget?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type AccountOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: AccountOrderField;
};

/** What a list of Account entities can be ordered by (then by id). */
export type AccountOrderField =
  /** By `closedOn`. */
  | 'CLOSED_ON'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `currencyCode`. */
  | 'CURRENCY_CODE'
  /** By `kind`. */
  | 'KIND'
  /** By `name`. */
  | 'NAME'
  /** By `offBudget`. */
  | 'OFF_BUDGET'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** What an account is (assets: checking…asset; liabilities: credit card, loan, liability). */
export type AccountType =
  /** Any other asset. */
  | 'ASSET'
  /** Cash in hand. */
  | 'CASH'
  /** A current account (the default). */
  | 'CHECKING'
  /** A credit card (a liability). */
  | 'CREDIT_CARD'
  /** An investment account (its balance in its currency; holdings are out of scope). */
  | 'INVESTMENT'
  /** Any other liability. */
  | 'LIABILITY'
  /** A loan (a liability). */
  | 'LOAN'
  /** A savings account. */
  | 'SAVINGS';

/** An account with its balances (from the `finance` projection). */
export type AccountWithBalance = {
  __typename?: 'AccountWithBalance';
  /** The balance from every posting, in minor units of the account's currency. */
  balanceMinor: Scalars['Long']['output'];
  /** From cleared and reconciled transactions only. */
  clearedMinor: Scalars['Long']['output'];
  /** The day the account was closed; closing needs a zero balance, and a closed account takes no postings. */
  closedOn: Maybe<Scalars['Date']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The account's ISO 4217 currency; postings to it are in this currency. Fixed once it has postings. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** The bank or institution. */
  institution: Scalars['String']['output'];
  /** What the account is. */
  kind: AccountType;
  /** The account number, masked: at most its last four digits visible (`****1234`). */
  maskedNumber: Scalars['String']['output'];
  /** The account's name. */
  name: Scalars['String']['output'];
  /** Off budget (tracking only, e.g. investments, a mortgage): its transactions are not budget activity. */
  offBudget: Scalars['Boolean']['output'];
  /** The day the account was opened. */
  openedOn: Maybe<Scalars['Date']['output']>;
  /** From reconciled transactions only. */
  reconciledMinor: Scalars['Long']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type AccountWithBalanceConnection = {
  __typename?: 'AccountWithBalanceConnection';
  /** A list of edges. */
  edges: Array<AccountWithBalanceEdge>;
  /** A list of nodes. */
  nodes: Array<AccountWithBalance>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type AccountWithBalanceEdge = {
  __typename?: 'AccountWithBalanceEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: AccountWithBalance;
};

/** What happened to one kind of entity in the workspace on one UTC day. */
export type ActivityDay = {
  __typename?: 'ActivityDay';
  /** Entities of this kind created that day. */
  created: Scalars['Int']['output'];
  /** The UTC day. */
  day: Scalars['Date']['output'];
  /** Soft deletes that day. */
  deleted: Scalars['Int']['output'];
  /** The kind of entity counted. */
  entityType: EntityType;
  /** Updates (including transitions such as completing a task) that day. */
  updated: Scalars['Int']['output'];
};

/** One event of the workspace's log. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The user who caused it, if known. */
  actor: Maybe<Scalars['ID']['output']>;
  /** The device whose offline push caused it, if one did. */
  clientId: Maybe<Scalars['String']['output']>;
  /** The entity's id. */
  entityId: Scalars['ID']['output'];
  /**
   * The type of the stream the event belongs to: an entity kind (an `EntityType` value such
   * as `Note`), or `Workspace` or a rule's own stream (e.g. `TaskTree`), which the log
   * covers too — hence a string, not the enum.
   */
  entityType: Scalars['String']['output'];
  /** The event's type, e.g. `NoteCreated`. */
  eventType: Scalars['String']['output'];
  /** The event as stored (camelCase fields). */
  payload: Scalars['JSON']['output'];
  /** When the event was stored. */
  recordedAt: Scalars['DateTime']['output'];
  /** The `x-request-id` of the request that caused it. */
  requestId: Maybe<Scalars['String']['output']>;
  /** The entity's version after this event. */
  version: Scalars['Int']['output'];
};

export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** A list of edges. */
  edges: Array<AuditEntryEdge>;
  /** A list of nodes. */
  nodes: Array<AuditEntry>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: AuditEntry;
};

/** A new session: its token (also set as an HttpOnly cookie), the session and the user. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When the session expires (its token stops working). */
  expiresAt: Scalars['DateTime']['output'];
  /** The session this token opens. */
  session: SessionInfo;
  /** The session token: send it as `Authorization: Bearer <token>`. Shown only once. */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: Me;
};

/** An asserted balance of an account at the start of a day. */
export type BalanceAssertion = Node & {
  __typename?: 'BalanceAssertion';
  /** The account. */
  accountId: Scalars['ID']['output'];
  /** The balance, in the account currency's minor units. */
  amountMinor: Scalars['Long']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The day at whose start the balance holds. */
  date: Scalars['Date']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type BalanceAssertionConnection = {
  __typename?: 'BalanceAssertionConnection';
  /** A list of edges. */
  edges: Array<BalanceAssertionEdge>;
  /** A list of nodes. */
  nodes: Array<BalanceAssertion>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type BalanceAssertionEdge = {
  __typename?: 'BalanceAssertionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: BalanceAssertion;
};

/** A balance assertion the ledger does not meet. */
export type BalanceAssertionFailure = {
  __typename?: 'BalanceAssertionFailure';
  /** The account's balance at the start of the day, from its postings. */
  actualMinor: Scalars['Long']['output'];
  /** The assertion that does not hold. */
  assertion: BalanceAssertion;
  /** `actualMinor - assertion.amountMinor`. */
  differenceMinor: Scalars['Long']['output'];
};

/** Which BalanceAssertion entities a list keeps: every given entry must hold. */
export type BalanceAssertionFilter = {
  /** Keeps those whose `accountId` is this. */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `date` is after this (exclusive). */
  dateAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `date` is before this (exclusive). */
  dateBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type BalanceAssertionOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: BalanceAssertionOrderField;
};

/** What a list of BalanceAssertion entities can be ordered by (then by id). */
export type BalanceAssertionOrderField =
  /** By `accountId`. */
  | 'ACCOUNT_ID'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `date`. */
  | 'DATE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A workspace's envelope budget in one currency, and its periods. */
export type Budget = Node & {
  __typename?: 'Budget';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** A name for the budget. */
  name: Scalars['String']['output'];
  /** How the budget is cut into periods. */
  period: BudgetPeriod;
  /** A day a period starts (a payday): required unless the period is MONTHLY, where it makes months start on its day of the month. */
  periodAnchor: Maybe<Scalars['Date']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

/** Money budgeted to a category in a period. */
export type BudgetAssignment = Node & {
  __typename?: 'BudgetAssignment';
  /** The amount budgeted, in minor units. */
  amountMinor: Scalars['Long']['output'];
  /** The category budgeted. */
  categoryId: Scalars['ID']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** A day of the period (its first day, normally). */
  periodStart: Scalars['Date']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type BudgetAssignmentConnection = {
  __typename?: 'BudgetAssignmentConnection';
  /** A list of edges. */
  edges: Array<BudgetAssignmentEdge>;
  /** A list of nodes. */
  nodes: Array<BudgetAssignment>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type BudgetAssignmentEdge = {
  __typename?: 'BudgetAssignmentEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: BudgetAssignment;
};

/** Which BudgetAssignment entities a list keeps: every given entry must hold. */
export type BudgetAssignmentFilter = {
  /** Keeps those whose `categoryId` is this. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `currencyCode` is this. */
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `periodStart` is after this (exclusive). */
  periodStartAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `periodStart` is before this (exclusive). */
  periodStartBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type BudgetAssignmentOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: BudgetAssignmentOrderField;
};

/** What a list of BudgetAssignment entities can be ordered by (then by id). */
export type BudgetAssignmentOrderField =
  /** By `categoryId`. */
  | 'CATEGORY_ID'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `currencyCode`. */
  | 'CURRENCY_CODE'
  /** By `periodStart`. */
  | 'PERIOD_START'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** One expense category in one period. */
export type BudgetCategoryPeriod = {
  __typename?: 'BudgetCategoryPeriod';
  /** Minus the postings: spending shows negative. */
  activityMinor: Scalars['Long']['output'];
  /** Budgeted + activity + carried in. */
  availableMinor: Scalars['Long']['output'];
  /** Budgeted to it in this period. */
  budgetedMinor: Scalars['Long']['output'];
  /** What the category carried in from the period before. */
  carriedInMinor: Scalars['Long']['output'];
  /** The expense category. */
  categoryId: Scalars['ID']['output'];
};

export type BudgetConnection = {
  __typename?: 'BudgetConnection';
  /** A list of edges. */
  edges: Array<BudgetEdge>;
  /** A list of nodes. */
  nodes: Array<Budget>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type BudgetEdge = {
  __typename?: 'BudgetEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Budget;
};

/** Which Budget entities a list keeps: every given entry must hold. */
export type BudgetFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `currencyCode` is this. */
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** To-budget money held for the next period. */
export type BudgetHold = Node & {
  __typename?: 'BudgetHold';
  /** The amount held, in minor units (not negative). */
  amountMinor: Scalars['Long']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** A day of the period whose to-budget money is held. */
  periodStart: Scalars['Date']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type BudgetHoldConnection = {
  __typename?: 'BudgetHoldConnection';
  /** A list of edges. */
  edges: Array<BudgetHoldEdge>;
  /** A list of nodes. */
  nodes: Array<BudgetHold>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type BudgetHoldEdge = {
  __typename?: 'BudgetHoldEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: BudgetHold;
};

/** Which BudgetHold entities a list keeps: every given entry must hold. */
export type BudgetHoldFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `currencyCode` is this. */
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `periodStart` is after this (exclusive). */
  periodStartAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `periodStart` is before this (exclusive). */
  periodStartBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type BudgetHoldOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: BudgetHoldOrderField;
};

/** What a list of BudgetHold entities can be ordered by (then by id). */
export type BudgetHoldOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `currencyCode`. */
  | 'CURRENCY_CODE'
  /** By `periodStart`. */
  | 'PERIOD_START'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** How a list is ordered: by `field`, then by id in the same direction. */
export type BudgetOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: BudgetOrderField;
};

/** What a list of Budget entities can be ordered by (then by id). */
export type BudgetOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `currencyCode`. */
  | 'CURRENCY_CODE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** How budgets are cut into periods. */
export type BudgetPeriod =
  /** Every two weeks from `budgetPeriodAnchor`. */
  | 'BIWEEKLY'
  /** One period per calendar month (the default). */
  | 'MONTHLY'
  /** Two periods per month: from the 1st and from the 16th. */
  | 'SEMI_MONTHLY'
  /** Every week from `budgetPeriodAnchor`. */
  | 'WEEKLY';

/** One period of a budget. */
export type BudgetPeriodFigures = {
  __typename?: 'BudgetPeriodFigures';
  /** Expense categories' activity (spending negative). */
  activityMinor: Scalars['Long']['output'];
  /** Budgeted to expense categories. */
  budgetedMinor: Scalars['Long']['output'];
  /** Each expense category's figures. */
  categories: Array<BudgetCategoryPeriod>;
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** Its last day. */
  end: Scalars['Date']['output'];
  /** To-budget money held for the next period. */
  heldMinor: Scalars['Long']['output'];
  /** Income categories' activity. */
  incomeMinor: Scalars['Long']['output'];
  /** Overspending of categories without carryover, deducted from the next period's to-budget. */
  overspentMinor: Scalars['Long']['output'];
  /** The period's first day. */
  start: Scalars['Date']['output'];
  /** Money left to budget: last period's, plus income, minus budgeted, minus last period's overspending without carryover, plus held money. */
  toBudgetMinor: Scalars['Long']['output'];
  /** On-budget money that moved without a category (a transfer to an off-budget account). */
  uncategorizedMinor: Scalars['Long']['output'];
};

/** A budget envelope or an income category. */
export type Category = Node & {
  __typename?: 'Category';
  /** Overspending carries into the next period as a negative available (else it reduces the next period's to-budget). */
  carryover: Scalars['Boolean']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The group it is shown in ("Bills", "Everyday"). */
  groupName: Scalars['String']['output'];
  /** Hidden from budgets (its history stays). */
  hidden: Scalars['Boolean']['output'];
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Income (salary, interest): its activity raises the to-budget amount; it is not budgeted. */
  isIncome: Scalars['Boolean']['output'];
  /** The category's name. */
  name: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type CategoryConnection = {
  __typename?: 'CategoryConnection';
  /** A list of edges. */
  edges: Array<CategoryEdge>;
  /** A list of nodes. */
  nodes: Array<Category>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type CategoryEdge = {
  __typename?: 'CategoryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Category;
};

/** Which Category entities a list keeps: every given entry must hold. */
export type CategoryFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `groupName` is this. */
  groupName?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `hidden` is this. */
  hidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `isIncome` is this. */
  isIncome?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type CategoryOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: CategoryOrderField;
};

/** What a list of Category entities can be ordered by (then by id). */
export type CategoryOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `groupName`. */
  | 'GROUP_NAME'
  /** By `hidden`. */
  | 'HIDDEN'
  /** By `isIncome`. */
  | 'IS_INCOME'
  /** By `name`. */
  | 'NAME'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** One change of the workspace's feed: an entity's new state after one event. */
export type ChangeEntry = {
  __typename?: 'ChangeEntry';
  /** Resume after this entry. */
  cursor: Scalars['String']['output'];
  /** The entity's current row: kernel columns and fields, camelCase. */
  data: Scalars['JSON']['output'];
  /** The entity's id. */
  entityId: Scalars['ID']['output'];
  /** The kind of the entity changed. */
  entityType: EntityType;
  /** Upsert or delete. */
  op: ChangeOp;
  /** When the change was made (the entity's `updatedAt` after it). */
  updatedAt: Scalars['DateTime']['output'];
  /** The version this change produced. */
  version: Scalars['Int']['output'];
};

/** What a change did to its entity. */
export type ChangeOp =
  /** The entity is soft-deleted (`data.deletedAt` is set). */
  | 'DELETE'
  /** The entity was created, updated or restored (`data` is its current row). */
  | 'UPSERT';

/** A page of the workspace's change feed. */
export type ChangePage = {
  __typename?: 'ChangePage';
  /** Pass as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The changes, in commit order. */
  entries: Array<ChangeEntry>;
  /** Whether more changes follow (pull again from `cursor`). */
  hasMore: Scalars['Boolean']['output'];
};

/** A habit's entry for one local day. */
export type CheckIn = Node & {
  __typename?: 'CheckIn';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The local day it is for (the user's time zone and day-start hour). */
  date: Scalars['Date']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The habit checked in. */
  habitId: Scalars['ID']['output'];
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** A note on the day. */
  note: Scalars['String']['output'];
  /** Done, failed, skipped, or a value. */
  state: CheckInState;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** A measurable habit's quantity (state VALUE). */
  value: Maybe<Scalars['Decimal']['output']>;
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type CheckInConnection = {
  __typename?: 'CheckInConnection';
  /** A list of edges. */
  edges: Array<CheckInEdge>;
  /** A list of nodes. */
  nodes: Array<CheckIn>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type CheckInEdge = {
  __typename?: 'CheckInEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: CheckIn;
};

/** Which CheckIn entities a list keeps: every given entry must hold. */
export type CheckInFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `date` is after this (exclusive). */
  dateAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `date` is before this (exclusive). */
  dateBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `habitId` is this. */
  habitId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `state` is any of these. */
  state?: InputMaybe<Array<CheckInState>>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type CheckInOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: CheckInOrderField;
};

/** What a list of CheckIn entities can be ordered by (then by id). */
export type CheckInOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `date`. */
  | 'DATE'
  /** By `habitId`. */
  | 'HABIT_ID'
  /** By `state`. */
  | 'STATE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** What a day holds for a habit. */
export type CheckInState =
  /** Explicitly not done: breaks the streak. */
  | 'NO'
  /** Neither done nor failed (rest day, sick): bridges the streak, keeps the score. */
  | 'SKIP'
  /** A measurable habit's quantity, in `value`. */
  | 'VALUE'
  /** Done (the default). */
  | 'YES';

/** How far a transaction has been checked against the bank. */
export type ClearedState =
  /** Seen on a statement. */
  | 'CLEARED'
  /** Reconciled: confirmed against a statement balance. */
  | 'RECONCILED'
  /** Not yet seen on a statement (the default). */
  | 'UNCLEARED';

/** One mutation a device queued while offline. */
export type ClientMutationInput = {
  /** The version the device last saw (informational; merging is per field by `hlc`). */
  baseVersion?: InputMaybe<Scalars['Int']['input']>;
  /** When the device made the change (its own clock; informational). */
  clientUpdatedAt: Scalars['DateTime']['input'];
  /** The entity's id (a ULID the device drew, or the kind's natural id). */
  entityId: Scalars['ID']['input'];
  /** The kind of the entity written. */
  entityType: EntityType;
  /** UPSERT: the fields written (camelCase); an unknown id is created. */
  fields?: InputMaybe<Scalars['JSON']['input']>;
  /** Hybrid logical clock `<millis:15>-<counter:6>-<node>`; node = the device id. */
  hlc: Scalars['String']['input'];
  /** What the mutation does. */
  op: SyncOp;
  /**
   * Strictly increasing per device; mutations at or below the device's last applied
   * `seq` are answered from their stored result, never applied twice.
   */
  seq: Scalars['Int']['input'];
};

/** Which task to complete, at which version. */
export type CompleteTaskInput = {
  /** Must be the entity's current version (else `CONFLICT` with the current one). */
  expectedVersion: Scalars['Int']['input'];
  /** The entity's id. */
  id: Scalars['ID']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateAccountInput = {
  /** The day the account was closed; closing needs a zero balance, and a closed account takes no postings. */
  closedOn?: InputMaybe<Scalars['Date']['input']>;
  /** The account's ISO 4217 currency; postings to it are in this currency. Fixed once it has postings. */
  currencyCode: Scalars['CurrencyCode']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The bank or institution. */
  institution?: InputMaybe<Scalars['String']['input']>;
  /** What the account is. */
  kind?: InputMaybe<AccountType>;
  /** The account number, masked: at most its last four digits visible (`****1234`). */
  maskedNumber?: InputMaybe<Scalars['String']['input']>;
  /** The account's name. */
  name: Scalars['String']['input'];
  /** Off budget (tracking only, e.g. investments, a mortgage): its transactions are not budget activity. */
  offBudget?: InputMaybe<Scalars['Boolean']['input']>;
  /** The day the account was opened. */
  openedOn?: InputMaybe<Scalars['Date']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateBalanceAssertionInput = {
  /** The account. */
  accountId: Scalars['ID']['input'];
  /** The balance, in the account currency's minor units. */
  amountMinor: Scalars['Long']['input'];
  /** The day at whose start the balance holds. */
  date: Scalars['Date']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateBudgetAssignmentInput = {
  /** The amount budgeted, in minor units. */
  amountMinor: Scalars['Long']['input'];
  /** The category budgeted. */
  categoryId: Scalars['ID']['input'];
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** A day of the period (its first day, normally). */
  periodStart: Scalars['Date']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateBudgetHoldInput = {
  /** The amount held, in minor units (not negative). */
  amountMinor: Scalars['Long']['input'];
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** A day of the period whose to-budget money is held. */
  periodStart: Scalars['Date']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateBudgetInput = {
  /** The budget's currency. */
  currencyCode: Scalars['CurrencyCode']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** A name for the budget. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** How the budget is cut into periods. */
  period?: InputMaybe<BudgetPeriod>;
  /** A day a period starts (a payday): required unless the period is MONTHLY, where it makes months start on its day of the month. */
  periodAnchor?: InputMaybe<Scalars['Date']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateCategoryInput = {
  /** Overspending carries into the next period as a negative available (else it reduces the next period's to-budget). */
  carryover?: InputMaybe<Scalars['Boolean']['input']>;
  /** The group it is shown in ("Bills", "Everyday"). */
  groupName?: InputMaybe<Scalars['String']['input']>;
  /** Hidden from budgets (its history stays). */
  hidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Income (salary, interest): its activity raises the to-budget amount; it is not budgeted. */
  isIncome?: InputMaybe<Scalars['Boolean']['input']>;
  /** The category's name. */
  name: Scalars['String']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateCheckInInput = {
  /** The local day it is for (the user's time zone and day-start hour). */
  date: Scalars['Date']['input'];
  /** The habit checked in. */
  habitId: Scalars['ID']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** A note on the day. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Done, failed, skipped, or a value. */
  state?: InputMaybe<CheckInState>;
  /** A measurable habit's quantity (state VALUE). */
  value?: InputMaybe<Scalars['Decimal']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateFastInput = {
  /** When it ended; null while it runs. */
  endedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A CUSTOM fast's goal in hours. */
  goalHours?: InputMaybe<Scalars['Decimal']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** A note. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The protocol (its goal), or CUSTOM with `goalHours`. */
  protocol?: InputMaybe<FastProtocol>;
  /** When the fast started. */
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The user fasting (your own user id). */
  userId: Scalars['ID']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateHabitInput = {
  /** Archived habits are kept with their history but not shown as due. */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  /** TIMES_PER_PERIOD: the period in days (at most 366). */
  freqDen?: InputMaybe<Scalars['Int']['input']>;
  /** TIMES_PER_PERIOD: how many times per period (1 ≤ freqNum ≤ freqDen). */
  freqNum?: InputMaybe<Scalars['Int']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Yes/no or measurable; fixed once created (its check-ins depend on it). */
  kind: HabitType;
  /** The habit's name. */
  name: Scalars['String']['input'];
  /** The habit that groups this one. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** The question a reminder asks ("Did you meditate today?"). */
  question?: InputMaybe<Scalars['String']['input']>;
  /** Local times of day to be reminded at, `HH:MM`. */
  reminderTimes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** How often the habit is due. */
  schedule?: InputMaybe<Schedule>;
  /** A measurable habit's target per period (a day, or `freqDen` days). */
  target?: InputMaybe<Scalars['Decimal']['input']>;
  /** Whether the target is a floor or a ceiling. */
  targetType?: InputMaybe<TargetType>;
  /** A measurable habit's unit ("km", "pages"). */
  unit?: InputMaybe<Scalars['String']['input']>;
  /** WEEKDAYS: the days it is due, as `MON`…`SUN`. */
  weekdays?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Absent optional fields take their defaults. */
export type CreateImportRuleInput = {
  /** Only lines imported into this account (null: any account). */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** What is matched. */
  field?: InputMaybe<ImportMatchField>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** How it matches. */
  matchType?: InputMaybe<ImportMatch>;
  /** The text to look for. */
  pattern: Scalars['String']['input'];
  /** Rules apply in ascending position (then by id). */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** The category matching lines get (else the payee's default category). */
  setCategoryId?: InputMaybe<Scalars['ID']['input']>;
  /** The payee matching lines get. */
  setPayeeId?: InputMaybe<Scalars['ID']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateLinkInput = {
  /** The source entity's id. */
  fromId: Scalars['ID']['input'];
  /** The source entity's kind. */
  fromType: EntityType;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Free-form notes on the relation. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** One of `mentions`, `attendee`, `located_at`, `paid_for`, `about`, `part_of`. */
  relation: Scalars['String']['input'];
  /** The target entity's id. */
  toId: Scalars['ID']['input'];
  /** The target entity's kind. */
  toType: EntityType;
};

/** Absent optional fields take their defaults. */
export type CreateNoteInput = {
  /** The note's text, in Markdown. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Whether the note is pinned. */
  pinned?: InputMaybe<Scalars['Boolean']['input']>;
  /** Free-form labels. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The note's title (may be empty). */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreatePauseInput = {
  /** The last paused day (inclusive). */
  endsOn: Scalars['Date']['input'];
  /** The habit paused; null: every habit. */
  habitId?: InputMaybe<Scalars['ID']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Why ("vacation"). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** The first paused day. */
  startsOn: Scalars['Date']['input'];
};

/** Absent optional fields take their defaults. */
export type CreatePayeeInput = {
  /** The category new transactions with this payee take. */
  defaultCategoryId?: InputMaybe<Scalars['ID']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The payee's name. */
  name: Scalars['String']['input'];
};

/** Absent optional fields take their defaults. */
export type CreatePersonInput = {
  /** The person's birthday, if known. */
  birthday?: InputMaybe<Scalars['Date']['input']>;
  /** The name shown for the person. */
  displayName: Scalars['String']['input'];
  /** Email addresses. */
  emails?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Free-form notes about the person. */
  notes?: InputMaybe<Scalars['String']['input']>;
  /** Phone numbers, as written. */
  phones?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Absent optional fields take their defaults. */
export type CreatePlaceInput = {
  /** A postal address as written. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Latitude in degrees (−90 to 90); set together with `longitude`. */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** Longitude in degrees (−180 to 180); set together with `latitude`. */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** The place's name. */
  name: Scalars['String']['input'];
  /** The radius around the point, in metres (0–1,000,000). */
  radiusM?: InputMaybe<Scalars['Int']['input']>;
  /** IANA time zone of the place (`Asia/Tokyo`), for local days and times there. */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreatePriceInput = {
  /** The currency priced. */
  baseCurrency: Scalars['CurrencyCode']['input'];
  /** The day the rate holds from. */
  date: Scalars['Date']['input'];
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The currency it is priced in. */
  quoteCurrency: Scalars['CurrencyCode']['input'];
  /** How many `quoteCurrency` one `baseCurrency` is worth (exact, positive). */
  rate: Scalars['Decimal']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateScheduledTransactionInput = {
  /** The last day occurrences may fall on (null: open-ended). */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Their memo. */
  memo?: InputMaybe<Scalars['String']['input']>;
  /** A name for the schedule ("Rent"). */
  name: Scalars['String']['input'];
  /** Paused schedules create nothing. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  /** The payee of the transactions it creates. */
  payeeId?: InputMaybe<Scalars['ID']['input']>;
  /** Their postings (balanced like a transaction's). */
  postings: Array<PostingInput>;
  /** The recurrence: an RFC 5545 RRULE value such as `FREQ=MONTHLY;BYMONTHDAY=1` (no DTSTART: that is `startsOn`). */
  rrule: Scalars['String']['input'];
  /** The first day occurrences may fall on. */
  startsOn: Scalars['Date']['input'];
  /** The zone whose days the occurrences follow (null: UTC). */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
};

/** Absent optional fields take their defaults. */
export type CreateTaskInput = {
  /** When the task is due, if it has a deadline. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Free-form notes on the task. */
  notes?: InputMaybe<Scalars['String']['input']>;
  /** The parent task (same workspace). */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** How much the task matters. */
  priority?: InputMaybe<TaskPriority>;
  /** Where the task stands; setting `DONE` stamps `completedAt`. */
  status?: InputMaybe<TaskStatus>;
  /** What to do. */
  title: Scalars['String']['input'];
};

/** Absent optional fields take their defaults. */
export type CreateTransactionInput = {
  /** The local date of the transaction. */
  date: Scalars['Date']['input'];
  /** The source's id for it (an OFX FITID, a schedule's occurrence date). */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** A client-generated ULID; re-sending the same create with the same id is idempotent. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The payee as the bank file named it (kept for import rules and search). */
  importedPayee?: InputMaybe<Scalars['String']['input']>;
  /** A note on the transaction. */
  memo?: InputMaybe<Scalars['String']['input']>;
  /** Who it was with. */
  payeeId?: InputMaybe<Scalars['ID']['input']>;
  /** The postings: `{accountId | categoryId, amountMinor, currencyCode, memo}`, summing to zero per currency (or a two-currency exchange). */
  postings: Array<PostingInput>;
  /** Where it came from: `OFX`, `CSV`, `SCHEDULE` (null: entered by hand). */
  source?: InputMaybe<Scalars['String']['input']>;
  /** Cleared or reconciled against a statement. */
  state?: InputMaybe<ClearedState>;
};

/** A new token: the secret, shown only in this payload, and the token. */
export type CreatedAccessToken = {
  __typename?: 'CreatedAccessToken';
  /** The token's record (as `accessTokens` lists it). */
  accessToken: AccessToken;
  /** Send it as `Authorization: Bearer <token>`. Shown only once; store it now. */
  token: Scalars['String']['output'];
};

/** A running fast and where it stands now. */
export type CurrentFast = {
  __typename?: 'CurrentFast';
  /** Hours since it started. */
  elapsedHours: Scalars['Float']['output'];
  /** The fast. */
  fast: Fast;
  /** The goal in hours (the protocol's, or `goalHours`). */
  goalHours: Maybe<Scalars['String']['output']>;
  /** `elapsedHours / goal`, from 0 (may pass 1). */
  progress: Maybe<Scalars['Float']['output']>;
  /** The fasting zone by elapsed hours. */
  zone: FastingZone;
};

/** An account's balance at the end of a day. */
export type DailyBalance = {
  __typename?: 'DailyBalance';
  /** The balance at its end, in minor units of the account's currency. */
  balanceMinor: Scalars['Long']['output'];
  /** The day. */
  date: Scalars['Date']['output'];
};

/** Which entity to soft-delete, at which version. */
export type DeleteInput = {
  /** Must be the entity's current version (else `CONFLICT` with the current one). */
  expectedVersion: Scalars['Int']['input'];
  /** The entity's id. */
  id: Scalars['ID']['input'];
};

/** A kind of entity, by its GraphQL type name (`Note`, `Task`...); as JSON, the same name as a string. */
export type EntityType =
  /** An entity of the `Account` type. */
  | 'Account'
  /** An entity of the `BalanceAssertion` type. */
  | 'BalanceAssertion'
  /** An entity of the `Budget` type. */
  | 'Budget'
  /** An entity of the `BudgetAssignment` type. */
  | 'BudgetAssignment'
  /** An entity of the `BudgetHold` type. */
  | 'BudgetHold'
  /** An entity of the `Category` type. */
  | 'Category'
  /** An entity of the `CheckIn` type. */
  | 'CheckIn'
  /** An entity of the `Fast` type. */
  | 'Fast'
  /** An entity of the `Habit` type. */
  | 'Habit'
  /** An entity of the `ImportRule` type. */
  | 'ImportRule'
  /** An entity of the `Link` type. */
  | 'Link'
  /** An entity of the `Note` type. */
  | 'Note'
  /** An entity of the `Pause` type. */
  | 'Pause'
  /** An entity of the `Payee` type. */
  | 'Payee'
  /** An entity of the `Person` type. */
  | 'Person'
  /** An entity of the `Place` type. */
  | 'Place'
  /** An entity of the `Price` type. */
  | 'Price'
  /** An entity of the `ScheduledTransaction` type. */
  | 'ScheduledTransaction'
  /** An entity of the `Settings` type. */
  | 'Settings'
  /** An entity of the `Task` type. */
  | 'Task'
  /** An entity of the `Transaction` type. */
  | 'Transaction';

/** A fast of one user. */
export type Fast = Node & {
  __typename?: 'Fast';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it ended; null while it runs. */
  endedAt: Maybe<Scalars['DateTime']['output']>;
  /** A CUSTOM fast's goal in hours. */
  goalHours: Maybe<Scalars['Decimal']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** A note. */
  note: Scalars['String']['output'];
  /** The protocol (its goal), or CUSTOM with `goalHours`. */
  protocol: FastProtocol;
  /** When the fast started. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** The user fasting (your own user id). */
  userId: Scalars['ID']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type FastConnection = {
  __typename?: 'FastConnection';
  /** A list of edges. */
  edges: Array<FastEdge>;
  /** A list of nodes. */
  nodes: Array<Fast>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type FastEdge = {
  __typename?: 'FastEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Fast;
};

/** Which Fast entities a list keeps: every given entry must hold. */
export type FastFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `endedAt` is after this (exclusive). */
  endedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `endedAt` is this; null: those without one. */
  endedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `endedAt` is before this (exclusive). */
  endedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `protocol` is any of these. */
  protocol?: InputMaybe<Array<FastProtocol>>;
  /** Keeps those whose `startedAt` is after this (exclusive). */
  startedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `startedAt` is this; null: those without one. */
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `startedAt` is before this (exclusive). */
  startedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `userId` is this. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type FastOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: FastOrderField;
};

/** What a list of Fast entities can be ordered by (then by id). */
export type FastOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `endedAt`. */
  | 'ENDED_AT'
  /** By `protocol`. */
  | 'PROTOCOL'
  /** By `startedAt`. */
  | 'STARTED_AT'
  /** By `updatedAt`. */
  | 'UPDATED_AT'
  /** By `userId`. */
  | 'USER_ID';

/** A fasting protocol: its fasting window in hours (the rest of the day is the eating window). */
export type FastProtocol =
  /** A goal in `goalHours` (the default). */
  | 'CUSTOM'
  /** 16:8 — 16 hours fasting. */
  | 'FAST16'
  /** 18:6 — 18 hours. */
  | 'FAST18'
  /** 20:4 — 20 hours. */
  | 'FAST20'
  /** 36 hours. */
  | 'FAST36'
  /** One meal a day — 23 hours. */
  | 'OMAD';

/** Where a fast is by its elapsed hours (the zones fasting trackers show). */
export type FastingZone =
  /** 0–4 h: digesting. */
  | 'ANABOLIC'
  /** 4–16 h: blood sugar falls. */
  | 'CATABOLIC'
  /** 72 h and more. */
  | 'DEEP_KETOSIS'
  /** 16–24 h. */
  | 'FAT_BURNING'
  /** 24–72 h. */
  | 'KETOSIS';

/** One field an event changed. */
export type FieldChange = {
  __typename?: 'FieldChange';
  /** Its value after the event. */
  after: Scalars['JSON']['output'];
  /** Its value before the event (null if it had none). */
  before: Scalars['JSON']['output'];
  /** The field's name (camelCase). */
  field: Scalars['String']['output'];
};

/** A habit to build (or to break, with an AT_MOST target). */
export type Habit = Node & {
  __typename?: 'Habit';
  /** Archived habits are kept with their history but not shown as due. */
  archived: Scalars['Boolean']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** TIMES_PER_PERIOD: the period in days (at most 366). */
  freqDen: Scalars['Int']['output'];
  /** TIMES_PER_PERIOD: how many times per period (1 ≤ freqNum ≤ freqDen). */
  freqNum: Scalars['Int']['output'];
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Yes/no or measurable; fixed once created (its check-ins depend on it). */
  kind: HabitType;
  /** The habit's name. */
  name: Scalars['String']['output'];
  /** The habit that groups this one. */
  parentId: Maybe<Scalars['ID']['output']>;
  /** The question a reminder asks ("Did you meditate today?"). */
  question: Scalars['String']['output'];
  /** Local times of day to be reminded at, `HH:MM`. */
  reminderTimes: Array<Scalars['String']['output']>;
  /** How often the habit is due. */
  schedule: Schedule;
  /** A measurable habit's target per period (a day, or `freqDen` days). */
  target: Maybe<Scalars['Decimal']['output']>;
  /** Whether the target is a floor or a ceiling. */
  targetType: TargetType;
  /** A measurable habit's unit ("km", "pages"). */
  unit: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
  /** WEEKDAYS: the days it is due, as `MON`…`SUN`. */
  weekdays: Array<Scalars['String']['output']>;
};

export type HabitConnection = {
  __typename?: 'HabitConnection';
  /** A list of edges. */
  edges: Array<HabitEdge>;
  /** A list of nodes. */
  nodes: Array<Habit>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** One day of a habit. */
export type HabitDay = {
  __typename?: 'HabitDay';
  /** The longest streak up to this day. */
  bestStreak: Scalars['Int']['output'];
  /** The local day. */
  date: Scalars['Date']['output'];
  /** Whether the day (or its period so far) is met; null when neutral (skipped, paused, not scheduled). */
  met: Maybe<Scalars['Boolean']['output']>;
  /** Whether a pause covers the day. */
  paused: Scalars['Boolean']['output'];
  /** Habit strength from 0 to 1 (Loop Habit Tracker's score). */
  score: Scalars['Float']['output'];
  /** The day's check-in (`YES`, `NO`, `SKIP`, `VALUE`); null: none. */
  state: Maybe<Scalars['String']['output']>;
  /** The streak as of this day: days, or periods for an N-per-period habit. */
  streak: Scalars['Int']['output'];
  /** A measurable habit's value that day (a decimal string). */
  value: Maybe<Scalars['String']['output']>;
};

/** An edge in a connection. */
export type HabitEdge = {
  __typename?: 'HabitEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Habit;
};

/** Which Habit entities a list keeps: every given entry must hold. */
export type HabitFilter = {
  /** Keeps those whose `archived` is this. */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `kind` is any of these. */
  kind?: InputMaybe<Array<HabitType>>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `parentId` is this; null: those without one. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type HabitOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: HabitOrderField;
};

/** What a list of Habit entities can be ordered by (then by id). */
export type HabitOrderField =
  /** By `archived`. */
  | 'ARCHIVED'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `kind`. */
  | 'KIND'
  /** By `name`. */
  | 'NAME'
  /** By `parentId`. */
  | 'PARENT_ID'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A habit with today's figures. */
export type HabitToday = {
  __typename?: 'HabitToday';
  /** Archived habits are kept with their history but not shown as due. */
  archived: Scalars['Boolean']['output'];
  /** The longest streak so far. */
  bestStreak: Scalars['Int']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** TIMES_PER_PERIOD: the period in days (at most 366). */
  freqDen: Scalars['Int']['output'];
  /** TIMES_PER_PERIOD: how many times per period (1 ≤ freqNum ≤ freqDen). */
  freqNum: Scalars['Int']['output'];
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Yes/no or measurable; fixed once created (its check-ins depend on it). */
  kind: HabitType;
  /** The habit's name. */
  name: Scalars['String']['output'];
  /** The habit that groups this one. */
  parentId: Maybe<Scalars['ID']['output']>;
  /** The question a reminder asks ("Did you meditate today?"). */
  question: Scalars['String']['output'];
  /** Local times of day to be reminded at, `HH:MM`. */
  reminderTimes: Array<Scalars['String']['output']>;
  /** How often the habit is due. */
  schedule: Schedule;
  /** Today's score, or — not checked in yet — the score at the end of yesterday. */
  score: Scalars['Float']['output'];
  /** The current streak: today's, or — not checked in yet — yesterday's (a day not over breaks nothing). */
  streak: Scalars['Int']['output'];
  /** A measurable habit's target per period (a day, or `freqDen` days). */
  target: Maybe<Scalars['Decimal']['output']>;
  /** Whether the target is a floor or a ceiling. */
  targetType: TargetType;
  /** The caller's local day. */
  today: Scalars['Date']['output'];
  /** Today's check-in state; null: not checked in yet. */
  todayState: Maybe<Scalars['String']['output']>;
  /** Today's value (measurable habits). */
  todayValue: Maybe<Scalars['String']['output']>;
  /** A measurable habit's unit ("km", "pages"). */
  unit: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
  /** WEEKDAYS: the days it is due, as `MON`…`SUN`. */
  weekdays: Array<Scalars['String']['output']>;
};

/** Yes/no, or a quantity against a target. */
export type HabitType =
  /** A number in `unit` against `target`. */
  | 'MEASURABLE'
  /** Done or not (the default). */
  | 'YES_NO';

/** One event of an entity's history. */
export type HistoryEntry = {
  __typename?: 'HistoryEntry';
  /** The user who caused it, if known. */
  actor: Maybe<Scalars['ID']['output']>;
  /** The fields it changed. */
  changes: Array<FieldChange>;
  /** The device whose offline push caused it, if one did. */
  clientId: Maybe<Scalars['String']['output']>;
  /** The event's type, e.g. `NoteCreated`, `TaskCompleted`. */
  eventType: Scalars['String']['output'];
  /** When the event was stored. */
  recordedAt: Scalars['DateTime']['output'];
  /** The entity's version after this event (1 for its creation). */
  version: Scalars['Int']['output'];
};

/** How an import rule's pattern matches (case-insensitive). */
export type ImportMatch =
  /** The text contains the pattern (the default). */
  | 'CONTAINS'
  /** The text is the pattern. */
  | 'EXACT'
  /** The text starts with the pattern. */
  | 'STARTS_WITH';

/** What an import rule's pattern is matched against. */
export type ImportMatchField =
  /** Either of them. */
  | 'EITHER'
  /** The memo. */
  | 'MEMO'
  /** The payee as the bank file names it (the default). */
  | 'PAYEE';

/** A pattern that sets payee and category on imported transactions. */
export type ImportRule = Node & {
  __typename?: 'ImportRule';
  /** Only lines imported into this account (null: any account). */
  accountId: Maybe<Scalars['ID']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** What is matched. */
  field: ImportMatchField;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** How it matches. */
  matchType: ImportMatch;
  /** The text to look for. */
  pattern: Scalars['String']['output'];
  /** Rules apply in ascending position (then by id). */
  position: Scalars['Int']['output'];
  /** The category matching lines get (else the payee's default category). */
  setCategoryId: Maybe<Scalars['ID']['output']>;
  /** The payee matching lines get. */
  setPayeeId: Maybe<Scalars['ID']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type ImportRuleConnection = {
  __typename?: 'ImportRuleConnection';
  /** A list of edges. */
  edges: Array<ImportRuleEdge>;
  /** A list of nodes. */
  nodes: Array<ImportRule>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ImportRuleEdge = {
  __typename?: 'ImportRuleEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: ImportRule;
};

/** Which ImportRule entities a list keeps: every given entry must hold. */
export type ImportRuleFilter = {
  /** Keeps those whose `accountId` is this; null: those without one. */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `position` is this. */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type ImportRuleOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: ImportRuleOrderField;
};

/** What a list of ImportRule entities can be ordered by (then by id). */
export type ImportRuleOrderField =
  /** By `accountId`. */
  | 'ACCOUNT_ID'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `position`. */
  | 'POSITION'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A typed, directed relation between two entities of the workspace. */
export type Link = Node & {
  __typename?: 'Link';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The source entity's id. */
  fromId: Scalars['ID']['output'];
  /** The source entity's kind. */
  fromType: EntityType;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Free-form notes on the relation. */
  note: Scalars['String']['output'];
  /** One of `mentions`, `attendee`, `located_at`, `paid_for`, `about`, `part_of`. */
  relation: Scalars['String']['output'];
  /** The target entity's id. */
  toId: Scalars['ID']['output'];
  /** The target entity's kind. */
  toType: EntityType;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type LinkConnection = {
  __typename?: 'LinkConnection';
  /** A list of edges. */
  edges: Array<LinkEdge>;
  /** A list of nodes. */
  nodes: Array<Link>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type LinkEdge = {
  __typename?: 'LinkEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Link;
};

/** Which Link entities a list keeps: every given entry must hold. */
export type LinkFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `fromId` is this. */
  fromId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `fromType` is this. */
  fromType?: InputMaybe<EntityType>;
  /** Keeps those whose `relation` is this. */
  relation?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `toId` is this. */
  toId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `toType` is this. */
  toType?: InputMaybe<EntityType>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type LinkOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: LinkOrderField;
};

/** What a list of Link entities can be ordered by (then by id). */
export type LinkOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `fromId`. */
  | 'FROM_ID'
  /** By `fromType`. */
  | 'FROM_TYPE'
  /** By `relation`. */
  | 'RELATION'
  /** By `toId`. */
  | 'TO_ID'
  /** By `toType`. */
  | 'TO_TYPE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** The signed-in user. */
export type Me = {
  __typename?: 'Me';
  /** The name shown to other members of shared workspaces. */
  displayName: Scalars['String']['output'];
  /** The user's email, normalised (lower case). */
  email: Scalars['String']['output'];
  /** The user's id (a ULID). */
  id: Scalars['ID']['output'];
  /** Every workspace this user is a member of. */
  workspaces: Array<WorkspaceMembership>;
};

/** A user with access to a workspace, and their role there. */
export type Member = {
  __typename?: 'Member';
  /** The member's name. */
  displayName: Scalars['String']['output'];
  /** The member's email. */
  email: Scalars['String']['output'];
  /** What the member may do in the workspace. */
  role: Role;
  /** The member's user id. */
  userId: Scalars['ID']['output'];
};

/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Add an existing user (by email) to the current workspace. Owners only. */
  addMember: Workspace;
  /** Allow an email to sign up (idempotent). Returns the normalised email. */
  allowSignup: Scalars['String']['output'];
  /** Change a member's role. Owners only; the last owner cannot step down. */
  changeMemberRole: Workspace;
  /** Mark done: status DONE, `completedAt` = now. */
  completeTask: Task;
  /**
   * Create a personal access token for a script or the CLI. Its rights in each scoped
   * workspace are the lesser of the scope and your role there, checked on every request.
   */
  createAccessToken: CreatedAccessToken;
  /** Create (idempotent for a re-sent client id with the same content). */
  createAccount: Account;
  /** Create (idempotent for a re-sent client id with the same content). */
  createBalanceAssertion: BalanceAssertion;
  /** Create (idempotent for a re-sent client id with the same content). */
  createBudget: Budget;
  /** Create (idempotent for a re-sent client id with the same content). */
  createBudgetAssignment: BudgetAssignment;
  /** Create (idempotent for a re-sent client id with the same content). */
  createBudgetHold: BudgetHold;
  /** Create (idempotent for a re-sent client id with the same content). */
  createCategory: Category;
  /** Create (idempotent for a re-sent client id with the same content). */
  createCheckIn: CheckIn;
  /** Create (idempotent for a re-sent client id with the same content). */
  createFast: Fast;
  /** Create (idempotent for a re-sent client id with the same content). */
  createHabit: Habit;
  /** Create (idempotent for a re-sent client id with the same content). */
  createImportRule: ImportRule;
  /**
   * Link two entities of the current workspace. The same (from, to, relation) is one link:
   * creating it again with the same note returns it unchanged.
   */
  createLink: Link;
  /** Create (idempotent for a re-sent client id with the same content). */
  createNote: Note;
  /** Create (idempotent for a re-sent client id with the same content). */
  createPause: Pause;
  /** Create (idempotent for a re-sent client id with the same content). */
  createPayee: Payee;
  /** Create (idempotent for a re-sent client id with the same content). */
  createPerson: Person;
  /** Create (idempotent for a re-sent client id with the same content). */
  createPlace: Place;
  /** Create (idempotent for a re-sent client id with the same content). */
  createPrice: Price;
  /** Create (idempotent for a re-sent client id with the same content). */
  createScheduledTransaction: ScheduledTransaction;
  /** Create (idempotent for a re-sent client id with the same content). */
  createTask: Task;
  /** Create (idempotent for a re-sent client id with the same content). */
  createTransaction: Transaction;
  /** Create a shared workspace; you become its owner. */
  createWorkspace: WorkspaceMembership;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteAccount: Account;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteBalanceAssertion: BalanceAssertion;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteBudget: Budget;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteBudgetAssignment: BudgetAssignment;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteBudgetHold: BudgetHold;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteCategory: Category;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteCheckIn: CheckIn;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteFast: Fast;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteHabit: Habit;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteImportRule: ImportRule;
  /** Soft-delete: the link keeps its history. */
  deleteLink: Link;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteNote: Note;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deletePause: Pause;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deletePayee: Payee;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deletePerson: Person;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deletePlace: Place;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deletePrice: Price;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteScheduledTransaction: ScheduledTransaction;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteTask: Task;
  /** Soft-delete: the entity keeps its history and gets `deletedAt`. */
  deleteTransaction: Transaction;
  /**
   * Applies a device's queued offline mutations: exactly once per `seq`, all or nothing,
   * merged per field by hybrid logical clock (rules in ARCHITECTURE.md).
   */
  pushChanges: PushResult;
  /** Remove a member. Owners only; the last owner cannot leave. */
  removeMember: Workspace;
  /** Back to OPEN, clearing `completedAt`. */
  reopenTask: Task;
  /** Undo a delete. */
  restoreAccount: Account;
  /** Undo a delete. */
  restoreBalanceAssertion: BalanceAssertion;
  /** Undo a delete. */
  restoreBudget: Budget;
  /** Undo a delete. */
  restoreBudgetAssignment: BudgetAssignment;
  /** Undo a delete. */
  restoreBudgetHold: BudgetHold;
  /** Undo a delete. */
  restoreCategory: Category;
  /** Undo a delete. */
  restoreCheckIn: CheckIn;
  /** Undo a delete. */
  restoreFast: Fast;
  /** Undo a delete. */
  restoreHabit: Habit;
  /** Undo a delete. */
  restoreImportRule: ImportRule;
  /** Undo a delete. */
  restoreLink: Link;
  /** Undo a delete. */
  restoreNote: Note;
  /** Undo a delete. */
  restorePause: Pause;
  /** Undo a delete. */
  restorePayee: Payee;
  /** Undo a delete. */
  restorePerson: Person;
  /** Undo a delete. */
  restorePlace: Place;
  /** Undo a delete. */
  restorePrice: Price;
  /** Undo a delete. */
  restoreScheduledTransaction: ScheduledTransaction;
  /** Undo a delete. */
  restoreTask: Task;
  /** Undo a delete. */
  restoreTransaction: Transaction;
  /** Revoke one of your access tokens: it stops working at once, its sockets close. */
  revokeAccessToken: Scalars['Boolean']['output'];
  /** Revoke one of your sessions (e.g. a lost phone). Needs a signed-in session. */
  revokeSession: Scalars['Boolean']['output'];
  /** Take an email off the allowlist; false if it was not on it. */
  revokeSignup: Scalars['Boolean']['output'];
  /** Sign in with email and password; wrong email and wrong password are indistinguishable. */
  signIn: AuthPayload;
  /**
   * End the current session (its token stops working) and clear the cookie; called with
   * an access token, revoke that token.
   */
  signOut: Scalars['Boolean']['output'];
  /**
   * Create an account and sign in: the first owner with the setup code, anyone else once
   * the owner has allowed their email.
   */
  signUp: AuthPayload;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateAccount: Account;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateBalanceAssertion: BalanceAssertion;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateBudget: Budget;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateBudgetAssignment: BudgetAssignment;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateBudgetHold: BudgetHold;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateCategory: Category;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateCheckIn: CheckIn;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateFast: Fast;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateHabit: Habit;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateImportRule: ImportRule;
  /** Change the note (endpoints and relation are fixed). */
  updateLink: Link;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateNote: Note;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updatePause: Pause;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updatePayee: Payee;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updatePerson: Person;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updatePlace: Place;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updatePrice: Price;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateScheduledTransaction: ScheduledTransaction;
  /**
   * Change your settings (created with defaults for what is not given on first use).
   * `expectedVersion`, when given, must be the current version.
   */
  updateSettings: Settings;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateTask: Task;
  /** Change the given fields; `expectedVersion` must be the current version. */
  updateTransaction: Transaction;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationAddMemberArgs = {
  email: Scalars['String']['input'];
  role: Role;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationAllowSignupArgs = {
  email: Scalars['String']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationChangeMemberRoleArgs = {
  role: Role;
  userId: Scalars['ID']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCompleteTaskArgs = {
  input: CompleteTaskInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateAccessTokenArgs = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  scopes: Array<AccessTokenScopeInput>;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateBalanceAssertionArgs = {
  input: CreateBalanceAssertionInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateBudgetArgs = {
  input: CreateBudgetInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateBudgetAssignmentArgs = {
  input: CreateBudgetAssignmentInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateBudgetHoldArgs = {
  input: CreateBudgetHoldInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateCategoryArgs = {
  input: CreateCategoryInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateCheckInArgs = {
  input: CreateCheckInInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateFastArgs = {
  input: CreateFastInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateHabitArgs = {
  input: CreateHabitInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateImportRuleArgs = {
  input: CreateImportRuleInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateLinkArgs = {
  input: CreateLinkInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateNoteArgs = {
  input: CreateNoteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreatePauseArgs = {
  input: CreatePauseInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreatePayeeArgs = {
  input: CreatePayeeInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreatePersonArgs = {
  input: CreatePersonInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreatePlaceArgs = {
  input: CreatePlaceInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreatePriceArgs = {
  input: CreatePriceInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateScheduledTransactionArgs = {
  input: CreateScheduledTransactionInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateTransactionArgs = {
  input: CreateTransactionInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationCreateWorkspaceArgs = {
  name: Scalars['String']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteAccountArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteBalanceAssertionArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteBudgetArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteBudgetAssignmentArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteBudgetHoldArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteCategoryArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteCheckInArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteFastArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteHabitArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteImportRuleArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteLinkArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteNoteArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeletePauseArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeletePayeeArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeletePersonArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeletePlaceArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeletePriceArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteScheduledTransactionArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteTaskArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationDeleteTransactionArgs = {
  input: DeleteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationPushChangesArgs = {
  input: PushInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRemoveMemberArgs = {
  userId: Scalars['ID']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationReopenTaskArgs = {
  input: ReopenTaskInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreAccountArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreBalanceAssertionArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreBudgetArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreBudgetAssignmentArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreBudgetHoldArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreCategoryArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreCheckInArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreFastArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreHabitArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreImportRuleArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreLinkArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreNoteArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestorePauseArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestorePayeeArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestorePersonArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestorePlaceArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestorePriceArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreScheduledTransactionArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreTaskArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRestoreTransactionArgs = {
  input: RestoreInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRevokeAccessTokenArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationRevokeSignupArgs = {
  email: Scalars['String']['input'];
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationSignInArgs = {
  input: SignInInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateAccountArgs = {
  input: UpdateAccountInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateBalanceAssertionArgs = {
  input: UpdateBalanceAssertionInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateBudgetArgs = {
  input: UpdateBudgetInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateBudgetAssignmentArgs = {
  input: UpdateBudgetAssignmentInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateBudgetHoldArgs = {
  input: UpdateBudgetHoldInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateCategoryArgs = {
  input: UpdateCategoryInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateCheckInArgs = {
  input: UpdateCheckInInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateFastArgs = {
  input: UpdateFastInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateHabitArgs = {
  input: UpdateHabitInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateImportRuleArgs = {
  input: UpdateImportRuleInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateLinkArgs = {
  input: UpdateLinkInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateNoteArgs = {
  input: UpdateNoteInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdatePauseArgs = {
  input: UpdatePauseInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdatePayeeArgs = {
  input: UpdatePayeeInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdatePersonArgs = {
  input: UpdatePersonInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdatePlaceArgs = {
  input: UpdatePlaceInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdatePriceArgs = {
  input: UpdatePriceInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateScheduledTransactionArgs = {
  input: UpdateScheduledTransactionInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateSettingsArgs = {
  input: UpdateSettingsInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateTaskArgs = {
  input: UpdateTaskInput;
};


/**
 * Every change: accounts and sessions, workspaces and their members, entities of every kind,
 * and offline sync pushes.
 */
export type MutationUpdateTransactionArgs = {
  input: UpdateTransactionInput;
};

/** How one queued mutation was taken. */
export type MutationResult = {
  __typename?: 'MutationResult';
  /** Why the mutation was rejected: an error code such as `VALIDATION` (status `REJECTED`). */
  code: Maybe<Scalars['String']['output']>;
  /** The entity's id. */
  entityId: Scalars['ID']['output'];
  /** The kind of the entity written. */
  entityType: EntityType;
  /** The field the rejection is about, if one (camelCase). */
  field: Maybe<Scalars['String']['output']>;
  /** Fields (camelCase) whose newer value from another device was kept (status `MERGED`). */
  lostFields: Array<Scalars['String']['output']>;
  /** The rejection, in words. */
  message: Maybe<Scalars['String']['output']>;
  /** The mutation's `seq`. */
  seq: Scalars['Int']['output'];
  /** Applied, merged, rejected or skipped. */
  status: MutationStatus;
  /** The entity's version after the push. */
  version: Maybe<Scalars['Int']['output']>;
};

/** How the server took one queued mutation. */
export type MutationStatus =
  /** Every register the mutation wrote won. */
  | 'APPLIED'
  /** Some registers (`lostFields`) kept a newer value written by another device. */
  | 'MERGED'
  /** Invalid; nothing of the push was committed (see `code`, `field`, `message`). */
  | 'REJECTED'
  /** Valid, but not committed because another mutation of the same push was rejected. */
  | 'SKIPPED';

/** Net worth at the end of a day, in one currency. */
export type NetWorthDay = {
  __typename?: 'NetWorthDay';
  /** Every live account's balance, converted; accounts in a currency without a rate on or before the day are left out (see `missingRates`). */
  amountMinor: Scalars['Long']['output'];
  /** The base currency the amount is in. */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** The day. */
  date: Scalars['Date']['output'];
  /** Currencies held that day with no price to the base currency on or before it. */
  missingRates: Array<Scalars['CurrencyCode']['output']>;
};

/** An entity of any kind, addressed by its id alone (Relay's object identification). */
export type Node = {
  /** The entity's ULID, unique across kinds within its workspace. */
  id: Scalars['ID']['output'];
};

/** A markdown note. */
export type Note = Node & {
  __typename?: 'Note';
  /** The note's text, in Markdown. */
  body: Scalars['String']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Whether the note is pinned. */
  pinned: Scalars['Boolean']['output'];
  /** Free-form labels. */
  tags: Array<Scalars['String']['output']>;
  /** The note's title (may be empty). */
  title: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type NoteConnection = {
  __typename?: 'NoteConnection';
  /** A list of edges. */
  edges: Array<NoteEdge>;
  /** A list of nodes. */
  nodes: Array<Note>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type NoteEdge = {
  __typename?: 'NoteEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Note;
};

/** Which Note entities a list keeps: every given entry must hold. */
export type NoteFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `pinned` is this. */
  pinned?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `tags` has every one of these. */
  tagsAll?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Keeps those whose `tags` has at least one of these. */
  tagsAny?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Keeps those whose `title` is this. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type NoteOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: NoteOrderField;
};

/** What a list of Note entities can be ordered by (then by id). */
export type NoteOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `pinned`. */
  | 'PINNED'
  /** By `title`. */
  | 'TITLE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** Which way a list runs. */
export type OrderDirection =
  /** Smallest first (oldest, earliest, A before Z); nulls last. */
  | 'ASC'
  /** Largest first; nulls first. */
  | 'DESC';

/** Information about pagination in a connection */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Days on which habits are neither due nor failed. */
export type Pause = Node & {
  __typename?: 'Pause';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The last paused day (inclusive). */
  endsOn: Scalars['Date']['output'];
  /** The habit paused; null: every habit. */
  habitId: Maybe<Scalars['ID']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Why ("vacation"). */
  reason: Scalars['String']['output'];
  /** The first paused day. */
  startsOn: Scalars['Date']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type PauseConnection = {
  __typename?: 'PauseConnection';
  /** A list of edges. */
  edges: Array<PauseEdge>;
  /** A list of nodes. */
  nodes: Array<Pause>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PauseEdge = {
  __typename?: 'PauseEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Pause;
};

/** Which Pause entities a list keeps: every given entry must hold. */
export type PauseFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `endsOn` is after this (exclusive). */
  endsOnAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `endsOn` is before this (exclusive). */
  endsOnBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `habitId` is this; null: those without one. */
  habitId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `startsOn` is after this (exclusive). */
  startsOnAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `startsOn` is before this (exclusive). */
  startsOnBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type PauseOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: PauseOrderField;
};

/** What a list of Pause entities can be ordered by (then by id). */
export type PauseOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `endsOn`. */
  | 'ENDS_ON'
  /** By `habitId`. */
  | 'HABIT_ID'
  /** By `startsOn`. */
  | 'STARTS_ON'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** Who a transaction is with. */
export type Payee = Node & {
  __typename?: 'Payee';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The category new transactions with this payee take. */
  defaultCategoryId: Maybe<Scalars['ID']['output']>;
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** The payee's name. */
  name: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type PayeeConnection = {
  __typename?: 'PayeeConnection';
  /** A list of edges. */
  edges: Array<PayeeEdge>;
  /** A list of nodes. */
  nodes: Array<Payee>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PayeeEdge = {
  __typename?: 'PayeeEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Payee;
};

/** Which Payee entities a list keeps: every given entry must hold. */
export type PayeeFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `defaultCategoryId` is this; null: those without one. */
  defaultCategoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type PayeeOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: PayeeOrderField;
};

/** What a list of Payee entities can be ordered by (then by id). */
export type PayeeOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `defaultCategoryId`. */
  | 'DEFAULT_CATEGORY_ID'
  /** By `name`. */
  | 'NAME'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A contact. */
export type Person = Node & {
  __typename?: 'Person';
  /** The person's birthday, if known. */
  birthday: Maybe<Scalars['Date']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The name shown for the person. */
  displayName: Scalars['String']['output'];
  /** Email addresses. */
  emails: Array<Scalars['String']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Free-form notes about the person. */
  notes: Scalars['String']['output'];
  /** Phone numbers, as written. */
  phones: Array<Scalars['String']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type PersonConnection = {
  __typename?: 'PersonConnection';
  /** A list of edges. */
  edges: Array<PersonEdge>;
  /** A list of nodes. */
  nodes: Array<Person>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PersonEdge = {
  __typename?: 'PersonEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Person;
};

/** Which Person entities a list keeps: every given entry must hold. */
export type PersonFilter = {
  /** Keeps those whose `birthday` is this; null: those without one. */
  birthday?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `birthday` is after this (exclusive). */
  birthdayAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `birthday` is before this (exclusive). */
  birthdayBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `displayName` is this. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type PersonOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: PersonOrderField;
};

/** What a list of Person entities can be ordered by (then by id). */
export type PersonOrderField =
  /** By `birthday`. */
  | 'BIRTHDAY'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `displayName`. */
  | 'DISPLAY_NAME'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A place: an address and/or a point with a radius. */
export type Place = Node & {
  __typename?: 'Place';
  /** A postal address as written. */
  address: Scalars['String']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Latitude in degrees (−90 to 90); set together with `longitude`. */
  latitude: Maybe<Scalars['Float']['output']>;
  /** Longitude in degrees (−180 to 180); set together with `latitude`. */
  longitude: Maybe<Scalars['Float']['output']>;
  /** The place's name. */
  name: Scalars['String']['output'];
  /** The radius around the point, in metres (0–1,000,000). */
  radiusM: Maybe<Scalars['Int']['output']>;
  /** IANA time zone of the place (`Asia/Tokyo`), for local days and times there. */
  timeZone: Maybe<Scalars['TimeZone']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type PlaceConnection = {
  __typename?: 'PlaceConnection';
  /** A list of edges. */
  edges: Array<PlaceEdge>;
  /** A list of nodes. */
  nodes: Array<Place>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PlaceEdge = {
  __typename?: 'PlaceEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Place;
};

/** Which Place entities a list keeps: every given entry must hold. */
export type PlaceFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `timeZone` is this; null: those without one. */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type PlaceOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: PlaceOrderField;
};

/** What a list of Place entities can be ordered by (then by id). */
export type PlaceOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `name`. */
  | 'NAME'
  /** By `timeZone`. */
  | 'TIME_ZONE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** One line of a transaction: the change to one account's or category's balance. */
export type Posting = {
  __typename?: 'Posting';
  /** The own account (null when the posting is to a category). */
  accountId: Maybe<Scalars['ID']['output']>;
  /** The change in minor units: money into an account positive, spending on a category positive. */
  amountMinor: Scalars['Long']['output'];
  /** The budget category (null when the posting is to an account). */
  categoryId: Maybe<Scalars['ID']['output']>;
  /** The posting's currency (an account's own). */
  currencyCode: Scalars['CurrencyCode']['output'];
  /** A note on this line. */
  memo: Scalars['String']['output'];
};

/** One line of a transaction: at most one of `accountId` and `categoryId` (neither: uncategorized). */
export type PostingInput = {
  /** An own account (its currency must be `currencyCode`). */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** The change in minor units (money into an account positive, spending on a category positive). */
  amountMinor: Scalars['Long']['input'];
  /** A budget category. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** The posting's currency (an account's own). */
  currencyCode: Scalars['CurrencyCode']['input'];
  /** A note on this line. */
  memo?: Scalars['String']['input'];
};

/** An exchange rate on a date. */
export type Price = Node & {
  __typename?: 'Price';
  /** The currency priced. */
  baseCurrency: Scalars['CurrencyCode']['output'];
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The day the rate holds from. */
  date: Scalars['Date']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** The currency it is priced in. */
  quoteCurrency: Scalars['CurrencyCode']['output'];
  /** How many `quoteCurrency` one `baseCurrency` is worth (exact, positive). */
  rate: Scalars['Decimal']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type PriceConnection = {
  __typename?: 'PriceConnection';
  /** A list of edges. */
  edges: Array<PriceEdge>;
  /** A list of nodes. */
  nodes: Array<Price>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type PriceEdge = {
  __typename?: 'PriceEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Price;
};

/** Which Price entities a list keeps: every given entry must hold. */
export type PriceFilter = {
  /** Keeps those whose `baseCurrency` is this. */
  baseCurrency?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `date` is after this (exclusive). */
  dateAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `date` is before this (exclusive). */
  dateBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `quoteCurrency` is this. */
  quoteCurrency?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type PriceOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: PriceOrderField;
};

/** What a list of Price entities can be ordered by (then by id). */
export type PriceOrderField =
  /** By `baseCurrency`. */
  | 'BASE_CURRENCY'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `date`. */
  | 'DATE'
  /** By `quoteCurrency`. */
  | 'QUOTE_CURRENCY'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** A device's queued mutations, applied all or nothing. */
export type PushInput = {
  /**
   * The last `seq` whose result this device has durably applied (at most its `lastSeq`):
   * the server drops its stored results at or below it. A mutation at or below it sent
   * again is answered `APPLIED` without a version.
   */
  acknowledgedSeq?: InputMaybe<Scalars['Int']['input']>;
  /** The device's id: stable per install, owned by the signed-in user. */
  clientId: Scalars['ID']['input'];
  /** The mutations, in increasing `seq`. */
  mutations: Array<ClientMutationInput>;
};

/** The outcome of a push. */
export type PushResult = {
  __typename?: 'PushResult';
  /** The device's id, as sent. */
  clientId: Scalars['ID']['output'];
  /** False when a rejected mutation kept the whole push from being committed. */
  committed: Scalars['Boolean']['output'];
  /** The device's last applied `seq` after this push. */
  lastSeq: Scalars['Int']['output'];
  /** One result per mutation sent, in order. */
  results: Array<MutationResult>;
};

/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type Query = {
  __typename?: 'Query';
  /** Your access tokens that still work, oldest first. */
  accessTokens: Array<AccessToken>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  account: Maybe<Account>;
  /** An account's balance at the end of each day from `from` to `to` (inclusive; at most 3,700 days). */
  accountBalanceSeries: Array<DailyBalance>;
  /** A page of the workspace's accounts with their balances. */
  accounts: AccountWithBalanceConnection;
  /**
   * Per UTC day and kind, how many entities of the current workspace were created,
   * updated and deleted, for the days in `[from, to]` (both optional, inclusive), oldest
   * first; days without activity are left out.
   */
  activityDaily: Array<ActivityDay>;
  /** The workspace's event log in commit order, paged by feed cursor. Owners only. */
  auditLog: AuditEntryConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  balanceAssertion: Maybe<BalanceAssertion>;
  /** The balance assertions the ledger does not meet (balance at the start of the asserted day). */
  balanceAssertionFailures: Array<BalanceAssertionFailure>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  balanceAssertions: BalanceAssertionConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  budget: Maybe<Budget>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  budgetAssignment: Maybe<BudgetAssignment>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  budgetAssignments: BudgetAssignmentConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  budgetHold: Maybe<BudgetHold>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  budgetHolds: BudgetHoldConnection;
  /**
   * The budget period containing `period` (default currency: your settings' base currency,
   * else the workspace's only budget).
   */
  budgetPeriod: Maybe<BudgetPeriodFigures>;
  /** The budget periods from the one containing `from` through the one containing `to` (at most 120). */
  budgetPeriods: Array<BudgetPeriodFigures>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  budgets: BudgetConnection;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  categories: CategoryConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  category: Maybe<Category>;
  /**
   * The current workspace's changes after `after` (null: from the start), in commit
   * order, at most `limit` (1–1000) and about 1 MiB per page. A cursor that cannot be
   * continued is `RESET_REQUIRED`: drop local data and pull from null.
   */
  changes: ChangePage;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  checkIn: Maybe<CheckIn>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  checkIns: CheckInConnection;
  /** Your running fast in this workspace (null when none runs). */
  currentFast: Maybe<CurrentFast>;
  /**
   * The entity exactly as it was at `at` and/or `version` (camelCase JSON incl. id,
   * version, createdAt, updatedAt, deletedAt), or null if it did not exist yet.
   */
  entityAsOf: Maybe<Scalars['JSON']['output']>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  fast: Maybe<Fast>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  fasts: FastConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  habit: Maybe<Habit>;
  /**
   * A habit's days from `from` through `to` (at most 3,700; none before its first check-in
   * or after your today): each day's entry, score, streak and whether it was met.
   */
  habitHistory: Array<HabitDay>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  habits: HabitConnection;
  /** Every habit (archived ones if asked) with today's entry, score and streak, oldest first. */
  habitsToday: Array<HabitToday>;
  /** Every event of one entity, oldest first, with the fields each one changed. */
  history: Array<HistoryEntry>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  importRule: Maybe<ImportRule>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  importRules: ImportRuleConnection;
  /** One link of the current workspace, deleted ones included. */
  link: Maybe<Link>;
  /**
   * The links from (`fromId`) or to (`toId`) an entity, optionally of one relation, oldest
   * first unless `orderBy` says otherwise; paged and filtered like every list. A link whose
   * other endpoint is deleted is left out until it is restored.
   */
  links: LinkConnection;
  /** The signed-in user. */
  me: Me;
  /** The signed-in user's live sessions. */
  mySessions: Array<SessionInfo>;
  /**
   * Net worth at the end of each day from `from` to `to`, in `currencyCode` (default: your
   * settings' base currency): every live account's balance, converted at the latest price on
   * or before that day (directly, or the inverse of the opposite price). A currency without
   * one is left out of that day and named in `missingRates`. Liabilities count with their
   * (negative) balances.
   */
  netWorth: Array<NetWorthDay>;
  /**
   * The entity of the current workspace with this id, whatever its kind; deleted ones
   * included (see `deletedAt`); null if there is none.
   */
  node: Maybe<Node>;
  /**
   * The entities of the current workspace with these ids (at most 100), in the order
   * asked, whatever their kinds; null where there is none.
   */
  nodes: Array<Maybe<Node>>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  note: Maybe<Note>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  notes: NoteConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  pause: Maybe<Pause>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  pauses: PauseConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  payee: Maybe<Payee>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  payees: PayeeConnection;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  people: PersonConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  person: Maybe<Person>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  place: Maybe<Place>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  places: PlaceConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  price: Maybe<Price>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  prices: PriceConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  scheduledTransaction: Maybe<ScheduledTransaction>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  scheduledTransactions: ScheduledTransactionConnection;
  /**
   * Full-text search over the current workspace's entities (deleted ones are not found):
   * words are all required; `"a phrase"`, `-word` (exclude) and `or` work as in a web
   * search box, and the last word matches as a prefix unless followed by a space. Ranked,
   * best first. `kinds` limits it to those kinds (default: every kind with text fields).
   */
  search: SearchConnection;
  /** What this server is (needs no sign-in): lets clients check compatibility before syncing. */
  serverInfo: ServerInfo;
  /** Your settings in the current workspace; null until first saved (defaults apply). */
  settings: Maybe<Settings>;
  /** Emails allowed to sign up. */
  signupAllowlist: Array<Scalars['String']['output']>;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  task: Maybe<Task>;
  /**
   * A page of the current workspace's entities, oldest first unless `orderBy` says
   * otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
   * (with `before`). May end before the count asked for (with more on its far
   * side) to stay under the response size limit.
   */
  tasks: TaskConnection;
  /** One entity of the current workspace, deleted ones included (see `deletedAt`). */
  transaction: Maybe<Transaction>;
  /**
   * A page of the workspace's transactions, narrowed to those posting to an account or a
   * category, dated within `from`..`to` (inclusive), whose payee text or memo contains
   * `search` — plus the generic filter, ordering and paging of every list.
   */
  transactions: TransactionConnection;
  /** The workspace this request runs in. */
  workspace: Workspace;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryAccountArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryAccountBalanceSeriesArgs = {
  accountId: Scalars['ID']['input'];
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AccountOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryActivityDailyArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryAuditLogArgs = {
  actor?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  entityType?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBalanceAssertionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBalanceAssertionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BalanceAssertionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<BalanceAssertionOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetAssignmentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetAssignmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BudgetAssignmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<BudgetAssignmentOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetHoldArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetHoldsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BudgetHoldFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<BudgetHoldOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetPeriodArgs = {
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  period: Scalars['Date']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetPeriodsArgs = {
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryBudgetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BudgetFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<BudgetOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryCategoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CategoryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CategoryOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryCategoryArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  limit?: Scalars['Int']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryCheckInArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryCheckInsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CheckInFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CheckInOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryEntityAsOfArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  entityType: EntityType;
  id: Scalars['ID']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryFastArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryFastsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FastFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<FastOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryHabitArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryHabitHistoryArgs = {
  from: Scalars['Date']['input'];
  habitId: Scalars['ID']['input'];
  to: Scalars['Date']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryHabitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<HabitFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<HabitOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryHabitsTodayArgs = {
  includeArchived?: Scalars['Boolean']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryHistoryArgs = {
  entityType: EntityType;
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryImportRuleArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryImportRulesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImportRuleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ImportRuleOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryLinkArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryLinksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LinkFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fromId?: InputMaybe<Scalars['ID']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<LinkOrder>;
  relation?: InputMaybe<Scalars['String']['input']>;
  toId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryNetWorthArgs = {
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryNoteArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryNotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<NoteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<NoteOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPauseArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPausesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PauseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PauseOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPayeeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPayeesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PayeeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PayeeOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PersonFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PersonOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPlaceArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPlacesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PlaceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PlaceOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPriceArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryPricesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PriceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PriceOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryScheduledTransactionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryScheduledTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduledTransactionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ScheduledTransactionOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<EntityType>>;
  query: Scalars['String']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TaskOrder>;
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryTransactionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
 * default the personal one), of the signed-in user, and of the server.
 */
export type QueryTransactionsArgs = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  filter?: InputMaybe<TransactionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TransactionOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** Which task to reopen, at which version. */
export type ReopenTaskInput = {
  /** Must be the entity's current version (else `CONFLICT` with the current one). */
  expectedVersion: Scalars['Int']['input'];
  /** The entity's id. */
  id: Scalars['ID']['input'];
};

/** Which deleted entity to restore, at which version. */
export type RestoreInput = {
  /** Must be the entity's current version (else `CONFLICT` with the current one). */
  expectedVersion: Scalars['Int']['input'];
  /** The entity's id. */
  id: Scalars['ID']['input'];
};

/** What a member may do in a workspace. */
export type Role =
  /** Read and write entities. */
  | 'EDITOR'
  /** Read, write, and manage members (and read the audit log). */
  | 'OWNER'
  /** Read only. */
  | 'VIEWER';

/** How often a habit is due. */
export type Schedule =
  /** Every day (the default). */
  | 'DAILY'
  /** `freqNum` times every `freqDen` days. */
  | 'TIMES_PER_PERIOD'
  /** On the given `weekdays`; other days are neutral. */
  | 'WEEKDAYS';

/** A recurring transaction the server creates when due. */
export type ScheduledTransaction = Node & {
  __typename?: 'ScheduledTransaction';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The last day occurrences may fall on (null: open-ended). */
  endsOn: Maybe<Scalars['Date']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Their memo. */
  memo: Scalars['String']['output'];
  /** A name for the schedule ("Rent"). */
  name: Scalars['String']['output'];
  /** Paused schedules create nothing. */
  paused: Scalars['Boolean']['output'];
  /** The payee of the transactions it creates. */
  payeeId: Maybe<Scalars['ID']['output']>;
  /** Their postings (balanced like a transaction's). */
  postings: Array<Posting>;
  /** The recurrence: an RFC 5545 RRULE value such as `FREQ=MONTHLY;BYMONTHDAY=1` (no DTSTART: that is `startsOn`). */
  rrule: Scalars['String']['output'];
  /** The first day occurrences may fall on. */
  startsOn: Scalars['Date']['output'];
  /** The zone whose days the occurrences follow (null: UTC). */
  timeZone: Maybe<Scalars['TimeZone']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type ScheduledTransactionConnection = {
  __typename?: 'ScheduledTransactionConnection';
  /** A list of edges. */
  edges: Array<ScheduledTransactionEdge>;
  /** A list of nodes. */
  nodes: Array<ScheduledTransaction>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ScheduledTransactionEdge = {
  __typename?: 'ScheduledTransactionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: ScheduledTransaction;
};

/** Which ScheduledTransaction entities a list keeps: every given entry must hold. */
export type ScheduledTransactionFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `name` is this. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `paused` is this. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keeps those whose `startsOn` is after this (exclusive). */
  startsOnAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `startsOn` is before this (exclusive). */
  startsOnBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type ScheduledTransactionOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: ScheduledTransactionOrderField;
};

/** What a list of ScheduledTransaction entities can be ordered by (then by id). */
export type ScheduledTransactionOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `name`. */
  | 'NAME'
  /** By `paused`. */
  | 'PAUSED'
  /** By `startsOn`. */
  | 'STARTS_ON'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

export type SearchConnection = {
  __typename?: 'SearchConnection';
  /** A list of edges. */
  edges: Array<SearchEdge>;
  /** A list of nodes. */
  nodes: Array<SearchHit>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type SearchEdge = {
  __typename?: 'SearchEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: SearchHit;
};

/** One search result. */
export type SearchHit = {
  __typename?: 'SearchHit';
  /** Its kind. */
  entityType: EntityType;
  /** The entity found. */
  node: Node;
  /** Relevance (`ts_rank_cd`; higher first). Comparable only within one search. */
  rank: Scalars['Float']['output'];
  /**
   * A short excerpt of the entity's searchable text around the matches, in parts; the
   * matching words are the parts with `highlighted: true`.
   */
  snippet: Array<SnippetPart>;
};

/** What this server is. */
export type ServerInfo = {
  __typename?: 'ServerInfo';
  /** The lifeosd release serving this request. */
  version: Scalars['String']['output'];
};

/** A signed-in session (one per device or client). */
export type SessionInfo = {
  __typename?: 'SessionInfo';
  /** When the session was opened. */
  createdAt: Scalars['DateTime']['output'];
  /** The session this request is using. */
  current: Scalars['Boolean']['output'];
  /** When the session expires (its token stops working). */
  expiresAt: Scalars['DateTime']['output'];
  /** The session's id (pass it to `revokeSession`). */
  id: Scalars['ID']['output'];
  /** The client's name given at sign-in, or its User-Agent. */
  label: Scalars['String']['output'];
  /** When the session was last used. */
  lastUsedAt: Scalars['DateTime']['output'];
};

/** The signed-in user's settings in the current workspace. */
export type Settings = Node & {
  __typename?: 'Settings';
  /** ISO 4217 code net worth and budgets are shown in. */
  baseCurrency: Maybe<Scalars['CurrencyCode']['output']>;
  /** How budgets are cut into periods. */
  budgetPeriod: BudgetPeriod;
  /** A day on which a period starts (a payday), for semi-monthly, biweekly and weekly periods. */
  budgetPeriodAnchor: Maybe<Scalars['Date']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The hour (0–23, local) a day starts: a check-in at 02:00 with 4 counts for the day before. */
  dayStartHour: Scalars['Int']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** IANA time zone (`Europe/Berlin`); null: UTC. */
  timeZone: Maybe<Scalars['TimeZone']['output']>;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** The user these settings belong to. */
  userId: Scalars['ID']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

/** Credentials for a new session. */
export type SignInInput = {
  /** Shown in `mySessions` (defaults to the User-Agent). */
  clientName?: InputMaybe<Scalars['String']['input']>;
  /** The account's email. */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** A new account: its email, password and name. */
export type SignUpInput = {
  /** Shown in `mySessions` (defaults to the User-Agent). */
  clientName?: InputMaybe<Scalars['String']['input']>;
  /** The name shown to other members of shared workspaces. */
  displayName: Scalars['String']['input'];
  /**
   * The account's email (compared case-insensitively); must be on the sign-up allowlist
   * unless this is the first owner's sign-up.
   */
  email: Scalars['String']['input'];
  /** The password to sign in with. */
  password: Scalars['String']['input'];
  /**
   * The first owner's one-time code (`lifeosd setup code: …` on the server's stdout, or
   * `lifeosd owner setup-code`). Leave it out for an invited sign-up.
   */
  setupCode?: InputMaybe<Scalars['String']['input']>;
};

/** A piece of a snippet. */
export type SnippetPart = {
  __typename?: 'SnippetPart';
  /** Whether this piece is a word the query matched. */
  highlighted: Scalars['Boolean']['output'];
  /** The piece's text, as in the entity. */
  text: Scalars['String']['output'];
};

/** Live feeds over the GraphQL websocket (`graphql-transport-ws`). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The current workspace's changes after `after` (null: from the start): first the
   * backlog, then live, in commit order, each exactly once. A subscriber that falls too
   * far behind receives a `RESET_REQUIRED` error and the subscription completes: pull
   * from the last cursor received, then subscribe again.
   */
  changes: ChangeEntry;
};


/** Live feeds over the GraphQL websocket (`graphql-transport-ws`). */
export type SubscriptionChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};

/** What a device's queued mutation does to its entity. */
export type SyncOp =
  /** Soft-delete the entity. */
  | 'DELETE'
  /** Undo a soft delete. */
  | 'RESTORE'
  /** Write the given fields; an unknown id is created. */
  | 'UPSERT';

/** How a measurable habit's target is met. */
export type TargetType =
  /** The period's total must reach the target (the default). */
  | 'AT_LEAST'
  /** The period's total must stay at or under it. */
  | 'AT_MOST';

/** Something to do; tasks nest by `parentId`. */
export type Task = Node & {
  __typename?: 'Task';
  /** Set by completing (or setting status DONE); cleared by reopening. */
  completedAt: Maybe<Scalars['DateTime']['output']>;
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** When the task is due, if it has a deadline. */
  dueAt: Maybe<Scalars['DateTime']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** Free-form notes on the task. */
  notes: Scalars['String']['output'];
  /** The parent task (same workspace). */
  parentId: Maybe<Scalars['ID']['output']>;
  /** How much the task matters. */
  priority: TaskPriority;
  /** Where the task stands; setting `DONE` stamps `completedAt`. */
  status: TaskStatus;
  /** What to do. */
  title: Scalars['String']['output'];
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  /** A list of edges. */
  edges: Array<TaskEdge>;
  /** A list of nodes. */
  nodes: Array<Task>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type TaskEdge = {
  __typename?: 'TaskEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Task;
};

/** Which Task entities a list keeps: every given entry must hold. */
export type TaskFilter = {
  /** Keeps those whose `completedAt` is after this (exclusive). */
  completedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `completedAt` is this; null: those without one. */
  completedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `completedAt` is before this (exclusive). */
  completedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `dueAt` is after this (exclusive). */
  dueAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `dueAt` is this; null: those without one. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `dueAt` is before this (exclusive). */
  dueBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `parentId` is this; null: those without one. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `priority` is any of these. */
  priority?: InputMaybe<Array<TaskPriority>>;
  /** Keeps those whose `status` is any of these. */
  status?: InputMaybe<Array<TaskStatus>>;
  /** Keeps those whose `title` is this. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type TaskOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: TaskOrderField;
};

/** What a list of Task entities can be ordered by (then by id). */
export type TaskOrderField =
  /** By `completedAt`. */
  | 'COMPLETED_AT'
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `dueAt`. */
  | 'DUE_AT'
  /** By `parentId`. */
  | 'PARENT_ID'
  /** By `priority`. */
  | 'PRIORITY'
  /** By `status`. */
  | 'STATUS'
  /** By `title`. */
  | 'TITLE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** How much a task matters. */
export type TaskPriority =
  /** High priority. */
  | 'HIGH'
  /** Low priority. */
  | 'LOW'
  /** Medium priority. */
  | 'MEDIUM'
  /** No priority set (the default). */
  | 'NONE';

/** Where a task stands. */
export type TaskStatus =
  /** Given up; no longer to do. */
  | 'CANCELLED'
  /** Done; `completedAt` says when. */
  | 'DONE'
  /** Still to do (the default). */
  | 'OPEN';

/** What a token may do in one workspace. */
export type TokenAccess =
  /** Queries and subscriptions only. */
  | 'READ'
  /** Also mutations and sync pushes (never workspace management). */
  | 'WRITE';

/** A dated exchange of money, as balanced postings. */
export type Transaction = Node & {
  __typename?: 'Transaction';
  /** When the entity was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The local date of the transaction. */
  date: Scalars['Date']['output'];
  /** When the entity was soft-deleted; null unless it is deleted. */
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  /** The source's id for it (an OFX FITID, a schedule's occurrence date). */
  externalId: Maybe<Scalars['String']['output']>;
  /** The entity's id: a ULID, or for kinds with a natural key the id derived from it. */
  id: Scalars['ID']['output'];
  /** The payee as the bank file named it (kept for import rules and search). */
  importedPayee: Scalars['String']['output'];
  /** A note on the transaction. */
  memo: Scalars['String']['output'];
  /** Who it was with. */
  payeeId: Maybe<Scalars['ID']['output']>;
  /** The postings: `{accountId | categoryId, amountMinor, currencyCode, memo}`, summing to zero per currency (or a two-currency exchange). */
  postings: Array<Posting>;
  /** Where it came from: `OFX`, `CSV`, `SCHEDULE` (null: entered by hand). */
  source: Maybe<Scalars['String']['output']>;
  /** Cleared or reconciled against a statement. */
  state: ClearedState;
  /** When the entity last changed (its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  /** Number of events in the entity's history (1 after create). */
  version: Scalars['Int']['output'];
};

export type TransactionConnection = {
  __typename?: 'TransactionConnection';
  /** A list of edges. */
  edges: Array<TransactionEdge>;
  /** A list of nodes. */
  nodes: Array<Transaction>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type TransactionEdge = {
  __typename?: 'TransactionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Transaction;
};

/** Which Transaction entities a list keeps: every given entry must hold. */
export type TransactionFilter = {
  /** Keeps those whose `createdAt` is after this (exclusive). */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `createdAt` is before this (exclusive). */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `date` is after this (exclusive). */
  dateAfter?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `date` is before this (exclusive). */
  dateBefore?: InputMaybe<Scalars['Date']['input']>;
  /** Keeps those whose `externalId` is this; null: those without one. */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `payeeId` is this; null: those without one. */
  payeeId?: InputMaybe<Scalars['ID']['input']>;
  /** Keeps those whose `source` is this; null: those without one. */
  source?: InputMaybe<Scalars['String']['input']>;
  /** Keeps those whose `state` is any of these. */
  state?: InputMaybe<Array<ClearedState>>;
  /** Keeps those whose `updatedAt` is after this (exclusive). */
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Keeps those whose `updatedAt` is before this (exclusive). */
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a list is ordered: by `field`, then by id in the same direction. */
export type TransactionOrder = {
  /** Ascending unless given. */
  direction?: OrderDirection;
  /** What to order by. */
  field: TransactionOrderField;
};

/** What a list of Transaction entities can be ordered by (then by id). */
export type TransactionOrderField =
  /** By `createdAt`. */
  | 'CREATED_AT'
  /** By `date`. */
  | 'DATE'
  /** By `externalId`. */
  | 'EXTERNAL_ID'
  /** By `payeeId`. */
  | 'PAYEE_ID'
  /** By `source`. */
  | 'SOURCE'
  /** By `state`. */
  | 'STATE'
  /** By `updatedAt`. */
  | 'UPDATED_AT';

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateAccountInput = {
  /** The day the account was closed; closing needs a zero balance, and a closed account takes no postings. */
  closedOn?: InputMaybe<Scalars['Date']['input']>;
  /** The account's ISO 4217 currency; postings to it are in this currency. Fixed once it has postings. */
  currencyCode?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** The bank or institution. */
  institution?: InputMaybe<Scalars['String']['input']>;
  /** What the account is. */
  kind?: InputMaybe<AccountType>;
  /** The account number, masked: at most its last four digits visible (`****1234`). */
  maskedNumber?: InputMaybe<Scalars['String']['input']>;
  /** The account's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Off budget (tracking only, e.g. investments, a mortgage): its transactions are not budget activity. */
  offBudget?: InputMaybe<Scalars['Boolean']['input']>;
  /** The day the account was opened. */
  openedOn?: InputMaybe<Scalars['Date']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateBalanceAssertionInput = {
  /** The balance, in the account currency's minor units. */
  amountMinor?: InputMaybe<Scalars['Long']['input']>;
  /** The day at whose start the balance holds. */
  date?: InputMaybe<Scalars['Date']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateBudgetAssignmentInput = {
  /** The amount budgeted, in minor units. */
  amountMinor?: InputMaybe<Scalars['Long']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateBudgetHoldInput = {
  /** The amount held, in minor units (not negative). */
  amountMinor?: InputMaybe<Scalars['Long']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateBudgetInput = {
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** A name for the budget. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** How the budget is cut into periods. */
  period?: InputMaybe<BudgetPeriod>;
  /** A day a period starts (a payday): required unless the period is MONTHLY, where it makes months start on its day of the month. */
  periodAnchor?: InputMaybe<Scalars['Date']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateCategoryInput = {
  /** Overspending carries into the next period as a negative available (else it reduces the next period's to-budget). */
  carryover?: InputMaybe<Scalars['Boolean']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The group it is shown in ("Bills", "Everyday"). */
  groupName?: InputMaybe<Scalars['String']['input']>;
  /** Hidden from budgets (its history stays). */
  hidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Income (salary, interest): its activity raises the to-budget amount; it is not budgeted. */
  isIncome?: InputMaybe<Scalars['Boolean']['input']>;
  /** The category's name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateCheckInInput = {
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** A note on the day. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Done, failed, skipped, or a value. */
  state?: InputMaybe<CheckInState>;
  /** A measurable habit's quantity (state VALUE). */
  value?: InputMaybe<Scalars['Decimal']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateFastInput = {
  /** When it ended; null while it runs. */
  endedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** A CUSTOM fast's goal in hours. */
  goalHours?: InputMaybe<Scalars['Decimal']['input']>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** A note. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The protocol (its goal), or CUSTOM with `goalHours`. */
  protocol?: InputMaybe<FastProtocol>;
  /** When the fast started. */
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateHabitInput = {
  /** Archived habits are kept with their history but not shown as due. */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** TIMES_PER_PERIOD: the period in days (at most 366). */
  freqDen?: InputMaybe<Scalars['Int']['input']>;
  /** TIMES_PER_PERIOD: how many times per period (1 ≤ freqNum ≤ freqDen). */
  freqNum?: InputMaybe<Scalars['Int']['input']>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** The habit's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The habit that groups this one. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** The question a reminder asks ("Did you meditate today?"). */
  question?: InputMaybe<Scalars['String']['input']>;
  /** Local times of day to be reminded at, `HH:MM`. */
  reminderTimes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** How often the habit is due. */
  schedule?: InputMaybe<Schedule>;
  /** A measurable habit's target per period (a day, or `freqDen` days). */
  target?: InputMaybe<Scalars['Decimal']['input']>;
  /** Whether the target is a floor or a ceiling. */
  targetType?: InputMaybe<TargetType>;
  /** A measurable habit's unit ("km", "pages"). */
  unit?: InputMaybe<Scalars['String']['input']>;
  /** WEEKDAYS: the days it is due, as `MON`…`SUN`. */
  weekdays?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateImportRuleInput = {
  /** Only lines imported into this account (null: any account). */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** What is matched. */
  field?: InputMaybe<ImportMatchField>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** How it matches. */
  matchType?: InputMaybe<ImportMatch>;
  /** The text to look for. */
  pattern?: InputMaybe<Scalars['String']['input']>;
  /** Rules apply in ascending position (then by id). */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** The category matching lines get (else the payee's default category). */
  setCategoryId?: InputMaybe<Scalars['ID']['input']>;
  /** The payee matching lines get. */
  setPayeeId?: InputMaybe<Scalars['ID']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateLinkInput = {
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Free-form notes on the relation. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateNoteInput = {
  /** The note's text, in Markdown. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Whether the note is pinned. */
  pinned?: InputMaybe<Scalars['Boolean']['input']>;
  /** Free-form labels. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The note's title (may be empty). */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdatePauseInput = {
  /** The last paused day (inclusive). */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The habit paused; null: every habit. */
  habitId?: InputMaybe<Scalars['ID']['input']>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Why ("vacation"). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** The first paused day. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdatePayeeInput = {
  /** The category new transactions with this payee take. */
  defaultCategoryId?: InputMaybe<Scalars['ID']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** The payee's name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdatePersonInput = {
  /** The person's birthday, if known. */
  birthday?: InputMaybe<Scalars['Date']['input']>;
  /** The name shown for the person. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** Email addresses. */
  emails?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Free-form notes about the person. */
  notes?: InputMaybe<Scalars['String']['input']>;
  /** Phone numbers, as written. */
  phones?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdatePlaceInput = {
  /** A postal address as written. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Latitude in degrees (−90 to 90); set together with `longitude`. */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** Longitude in degrees (−180 to 180); set together with `latitude`. */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** The place's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The radius around the point, in metres (0–1,000,000). */
  radiusM?: InputMaybe<Scalars['Int']['input']>;
  /** IANA time zone of the place (`Asia/Tokyo`), for local days and times there. */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdatePriceInput = {
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** How many `quoteCurrency` one `baseCurrency` is worth (exact, positive). */
  rate?: InputMaybe<Scalars['Decimal']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateScheduledTransactionInput = {
  /** The last day occurrences may fall on (null: open-ended). */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Their memo. */
  memo?: InputMaybe<Scalars['String']['input']>;
  /** A name for the schedule ("Rent"). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Paused schedules create nothing. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  /** The payee of the transactions it creates. */
  payeeId?: InputMaybe<Scalars['ID']['input']>;
  /** Their postings (balanced like a transaction's). */
  postings?: InputMaybe<Array<PostingInput>>;
  /** The recurrence: an RFC 5545 RRULE value such as `FREQ=MONTHLY;BYMONTHDAY=1` (no DTSTART: that is `startsOn`). */
  rrule?: InputMaybe<Scalars['String']['input']>;
  /** The first day occurrences may fall on. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** The zone whose days the occurrences follow (null: UTC). */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
};

/**
 * The settings to change, and optionally the version they must be at. (Named like every
 * kind's update input; Settings' generated one, addressed by id, is not in the schema.)
 */
export type UpdateSettingsInput = {
  /** ISO 4217 code net worth and budgets are shown in. */
  baseCurrency?: InputMaybe<Scalars['CurrencyCode']['input']>;
  /** How budgets are cut into periods. */
  budgetPeriod?: InputMaybe<BudgetPeriod>;
  /** A day on which a period starts (a payday), for semi-monthly, biweekly and weekly periods. */
  budgetPeriodAnchor?: InputMaybe<Scalars['Date']['input']>;
  /** The hour (0–23, local) a day starts: a check-in at 02:00 with 4 counts for the day before. */
  dayStartHour?: InputMaybe<Scalars['Int']['input']>;
  /** When given, must be the current version (0: they must not exist yet). */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** IANA time zone (`Europe/Berlin`); null: UTC. */
  timeZone?: InputMaybe<Scalars['TimeZone']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateTaskInput = {
  /** When the task is due, if it has a deadline. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** Free-form notes on the task. */
  notes?: InputMaybe<Scalars['String']['input']>;
  /** The parent task (same workspace). */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** How much the task matters. */
  priority?: InputMaybe<TaskPriority>;
  /** Where the task stands; setting `DONE` stamps `completedAt`. */
  status?: InputMaybe<TaskStatus>;
  /** What to do. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields stay unchanged; `null` clears a nullable field. */
export type UpdateTransactionInput = {
  /** The local date of the transaction. */
  date?: InputMaybe<Scalars['Date']['input']>;
  /** The entity's current version; a stale one is a `CONFLICT` naming the current one. */
  expectedVersion: Scalars['Int']['input'];
  /** The source's id for it (an OFX FITID, a schedule's occurrence date). */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** The entity to change. */
  id: Scalars['ID']['input'];
  /** The payee as the bank file named it (kept for import rules and search). */
  importedPayee?: InputMaybe<Scalars['String']['input']>;
  /** A note on the transaction. */
  memo?: InputMaybe<Scalars['String']['input']>;
  /** Who it was with. */
  payeeId?: InputMaybe<Scalars['ID']['input']>;
  /** The postings: `{accountId | categoryId, amountMinor, currencyCode, memo}`, summing to zero per currency (or a two-currency exchange). */
  postings?: InputMaybe<Array<PostingInput>>;
  /** Where it came from: `OFX`, `CSV`, `SCHEDULE` (null: entered by hand). */
  source?: InputMaybe<Scalars['String']['input']>;
  /** Cleared or reconciled against a statement. */
  state?: InputMaybe<ClearedState>;
};

/** A workspace: a personal one per user, or a shared one (a household) with members. */
export type Workspace = {
  __typename?: 'Workspace';
  /** The workspace's id (send it as `X-LifeOS-Workspace` to work in it). */
  id: Scalars['ID']['output'];
  /** `personal` or `shared`. */
  kind: Scalars['String']['output'];
  /** Everyone with access, in the order they were added. */
  members: Array<Member>;
  /** The signed-in user's role here. */
  myRole: Role;
  /** The workspace's name. */
  name: Scalars['String']['output'];
  /** Number of events in the workspace's own stream. */
  version: Scalars['Int']['output'];
};

/** One workspace the user belongs to, with their role in it. */
export type WorkspaceMembership = {
  __typename?: 'WorkspaceMembership';
  /** The workspace's id (send it as `X-LifeOS-Workspace` to work in it). */
  id: Scalars['ID']['output'];
  /** `personal` or `shared`. */
  kind: Scalars['String']['output'];
  /** The workspace's name. */
  name: Scalars['String']['output'];
  /** The user's role in it. */
  role: Role;
};

export type ChangesQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  limit: Scalars['Int']['input'];
}>;


export type ChangesQuery = { __typename?: 'Query', changes: { __typename?: 'ChangePage', cursor: string, hasMore: boolean, entries: Array<{ __typename?: 'ChangeEntry', cursor: string, entityType: EntityType, entityId: string, op: ChangeOp, version: number, updatedAt: string, data: JsonValue }> } };

export type PushChangesMutationVariables = Exact<{
  input: PushInput;
}>;


export type PushChangesMutation = { __typename?: 'Mutation', pushChanges: { __typename?: 'PushResult', clientId: string, lastSeq: number, committed: boolean, results: Array<{ __typename?: 'MutationResult', seq: number, entityType: EntityType, entityId: string, status: MutationStatus, version: number | null, lostFields: Array<string>, code: string | null, field: string | null, message: string | null }> } };

export type WatchChangesSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WatchChangesSubscription = { __typename?: 'Subscription', changes: { __typename?: 'ChangeEntry', cursor: string, entityType: EntityType, entityId: string, op: ChangeOp, version: number, updatedAt: string, data: JsonValue } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', signIn: { __typename?: 'AuthPayload', token: string, expiresAt: string, session: { __typename?: 'SessionInfo', id: string, label: string }, user: { __typename?: 'Me', id: string, email: string, displayName: string, workspaces: Array<{ __typename?: 'WorkspaceMembership', id: string, name: string, kind: string, role: Role }> } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { __typename?: 'Mutation', signOut: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'Me', id: string, email: string, displayName: string, workspaces: Array<{ __typename?: 'WorkspaceMembership', id: string, name: string, kind: string, role: Role }> } };

export type MeFieldsFragment = { __typename?: 'Me', id: string, email: string, displayName: string, workspaces: Array<{ __typename?: 'WorkspaceMembership', id: string, name: string, kind: string, role: Role }> };

export type ServerInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerInfoQuery = { __typename?: 'Query', serverInfo: { __typename?: 'ServerInfo', version: string } };

export type NoteFieldsFragment = { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> };

export type NoteQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NoteQuery = { __typename?: 'Query', note: { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> } | null };

export type NotesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  includeDeleted?: Scalars['Boolean']['input'];
}>;


export type NotesQuery = { __typename?: 'Query', notes: { __typename?: 'NoteConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> }> } };

export type CreateNoteMutationVariables = Exact<{
  input: CreateNoteInput;
}>;


export type CreateNoteMutation = { __typename?: 'Mutation', createNote: { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> } };

export type UpdateNoteMutationVariables = Exact<{
  input: UpdateNoteInput;
}>;


export type UpdateNoteMutation = { __typename?: 'Mutation', updateNote: { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> } };

export type DeleteNoteMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeleteNoteMutation = { __typename?: 'Mutation', deleteNote: { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> } };

export type RestoreNoteMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreNoteMutation = { __typename?: 'Mutation', restoreNote: { __typename?: 'Note', id: string, createdAt: string, updatedAt: string, deletedAt: string | null, version: number, title: string, body: string, pinned: boolean, tags: Array<string> } };

export const MeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<MeFieldsFragment, unknown>;
export const NoteFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<NoteFieldsFragment, unknown>;
export const ChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Changes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]} as unknown as DocumentNode<ChangesQuery, ChangesQueryVariables>;
export const PushChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PushChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PushInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pushChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"committed"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"lostFields"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PushChangesMutation, PushChangesMutationVariables>;
export const WatchChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<WatchChangesSubscription, WatchChangesSubscriptionVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MeFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ServerInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serverInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ServerInfoQuery, ServerInfoQueryVariables>;
export const NoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Note"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"note"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<NoteQuery, NoteQueryVariables>;
export const NotesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<NotesQuery, NotesQueryVariables>;
export const CreateNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<CreateNoteMutation, CreateNoteMutationVariables>;
export const UpdateNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<UpdateNoteMutation, UpdateNoteMutationVariables>;
export const DeleteNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<DeleteNoteMutation, DeleteNoteMutationVariables>;
export const RestoreNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NoteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NoteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Note"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]} as unknown as DocumentNode<RestoreNoteMutation, RestoreNoteMutationVariables>;