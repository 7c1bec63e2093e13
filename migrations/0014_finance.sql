-- Finance (issue: accounts, double-entry postings in many currencies, envelope budgets).
-- Kernel rows of the finance kinds (columns from their declarations), then the tables of the
-- `finance` projection: its mirror of the finance entities it folds, the posting ledger, balances
-- and daily changes per account, category activity per day, and the budget periods. Every key
-- leads with workspace_id.

-- Account: own accounts.
CREATE TABLE accounts
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    name                 text NOT NULL,
    kind                 text NOT NULL,
    currency_code        text NOT NULL,
    off_budget           boolean NOT NULL,
    opened_on            date,
    closed_on            date,
    institution          text NOT NULL,
    masked_number        text NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX accounts_created_idx ON accounts (workspace_id, created_at, id);
CREATE INDEX accounts_updated_idx ON accounts (workspace_id, updated_at, id);

-- Category: budget envelopes and income categories.
CREATE TABLE categories
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    name                 text NOT NULL,
    group_name           text NOT NULL,
    is_income            boolean NOT NULL,
    hidden               boolean NOT NULL,
    carryover            boolean NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX categories_created_idx ON categories (workspace_id, created_at, id);
CREATE INDEX categories_updated_idx ON categories (workspace_id, updated_at, id);

-- Payee.
CREATE TABLE payees
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    name                 text NOT NULL,
    default_category_id  text,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX payees_created_idx ON payees (workspace_id, created_at, id);
CREATE INDEX payees_updated_idx ON payees (workspace_id, updated_at, id);

-- Transaction: its postings as one jsonb array.
CREATE TABLE transactions
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    date                 date NOT NULL,
    payee_id             text,
    imported_payee       text NOT NULL,
    memo                 text NOT NULL,
    state                text NOT NULL,
    postings             jsonb NOT NULL,
    source               text,
    external_id          text,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX transactions_created_idx ON transactions (workspace_id, created_at, id);
CREATE INDEX transactions_updated_idx ON transactions (workspace_id, updated_at, id);

-- Price: a rate on a date (id: natural id of date, base, quote).
CREATE TABLE prices
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    date                 date NOT NULL,
    base_currency        text NOT NULL,
    quote_currency       text NOT NULL,
    rate                 text NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX prices_created_idx ON prices (workspace_id, created_at, id);
CREATE INDEX prices_updated_idx ON prices (workspace_id, updated_at, id);

-- Budget: one per currency (natural id), with its period rule.
CREATE TABLE budgets
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    currency_code        text NOT NULL,
    name                 text NOT NULL,
    period               text NOT NULL,
    period_anchor        date,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX budgets_created_idx ON budgets (workspace_id, created_at, id);
CREATE INDEX budgets_updated_idx ON budgets (workspace_id, updated_at, id);

-- BudgetAssignment: budgeted per (category, period, currency) (natural id).
CREATE TABLE budget_assignments
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    category_id          text NOT NULL,
    period_start         date NOT NULL,
    currency_code        text NOT NULL,
    amount_minor         bigint NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX budget_assignments_created_idx ON budget_assignments (workspace_id, created_at, id);
CREATE INDEX budget_assignments_updated_idx ON budget_assignments (workspace_id, updated_at, id);

-- BudgetHold: to-budget money held for the next period (natural id of period, currency).
CREATE TABLE budget_holds
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    period_start         date NOT NULL,
    currency_code        text NOT NULL,
    amount_minor         bigint NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX budget_holds_created_idx ON budget_holds (workspace_id, created_at, id);
CREATE INDEX budget_holds_updated_idx ON budget_holds (workspace_id, updated_at, id);

-- BalanceAssertion: an account's balance at the start of a day.
CREATE TABLE balance_assertions
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    account_id           text NOT NULL,
    date                 date NOT NULL,
    amount_minor         bigint NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX balance_assertions_created_idx ON balance_assertions (workspace_id, created_at, id);
CREATE INDEX balance_assertions_updated_idx ON balance_assertions (workspace_id, updated_at, id);

-- ImportRule: payee/memo patterns applied on import.
CREATE TABLE import_rules
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    position             integer NOT NULL,
    pattern              text NOT NULL,
    field                text NOT NULL,
    match_type           text NOT NULL,
    account_id           text,
    set_payee_id         text,
    set_category_id      text,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX import_rules_created_idx ON import_rules (workspace_id, created_at, id);
CREATE INDEX import_rules_updated_idx ON import_rules (workspace_id, updated_at, id);

-- ScheduledTransaction: an RRULE and a transaction template.
CREATE TABLE scheduled_transactions
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    name                 text NOT NULL,
    rrule                text NOT NULL,
    starts_on            date NOT NULL,
    ends_on              date,
    time_zone            text,
    paused               boolean NOT NULL,
    payee_id             text,
    memo                 text NOT NULL,
    postings             jsonb NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX scheduled_transactions_created_idx ON scheduled_transactions (workspace_id, created_at, id);
CREATE INDEX scheduled_transactions_updated_idx ON scheduled_transactions (workspace_id, updated_at, id);

CREATE INDEX transactions_date_idx ON transactions (workspace_id, date, id);

-- The `finance` projection's own copy of the finance entities' current fields (what its fold
-- needs to know a transaction's old postings, an account's budget status, a category's
-- carryover); never read by the API.
CREATE TABLE finance_entities
(
    workspace_id text    NOT NULL,
    entity_type  text    NOT NULL,
    id           text    NOT NULL,
    fields       jsonb   NOT NULL,
    deleted      boolean NOT NULL,
    PRIMARY KEY (workspace_id, entity_type, id)
);

-- One row per posting of every live transaction.
CREATE TABLE ledger_postings
(
    workspace_id   text    NOT NULL,
    transaction_id text    NOT NULL,
    n              integer NOT NULL,
    date           date    NOT NULL,
    account_id     text,
    category_id    text,
    amount_minor   bigint  NOT NULL,
    currency_code  text    NOT NULL,
    state          text    NOT NULL,
    PRIMARY KEY (workspace_id, transaction_id, n)
);
CREATE INDEX ledger_postings_account_idx ON ledger_postings (workspace_id, account_id, date);
CREATE INDEX ledger_postings_category_idx ON ledger_postings (workspace_id, category_id, date);

-- Current, cleared and reconciled balance per account (in its currency).
CREATE TABLE account_balances
(
    workspace_id     text   NOT NULL,
    account_id       text   NOT NULL,
    currency_code    text   NOT NULL,
    balance_minor    bigint NOT NULL,
    cleared_minor    bigint NOT NULL,
    reconciled_minor bigint NOT NULL,
    postings         bigint NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);

-- The net change of each account per day: the daily balance series is its running sum.
CREATE TABLE account_daily_changes
(
    workspace_id  text   NOT NULL,
    account_id    text   NOT NULL,
    day           date   NOT NULL,
    currency_code text   NOT NULL,
    change_minor  bigint NOT NULL,
    PRIMARY KEY (workspace_id, account_id, day)
);

-- Budget activity per day and currency: per category (ledger sign), and the on-budget money
-- that moved without a category (activity sign: negative = left the budget).
CREATE TABLE budget_daily_activity
(
    workspace_id  text   NOT NULL,
    currency_code text   NOT NULL,
    day           date   NOT NULL,
    category_id   text   NOT NULL, -- '' for uncategorized
    amount_minor  bigint NOT NULL,
    PRIMARY KEY (workspace_id, currency_code, day, category_id)
);

-- Per budget (currency), period and expense category: Actual Budget's envelope figures.
CREATE TABLE budget_periods
(
    workspace_id  text   NOT NULL,
    currency_code text   NOT NULL,
    period_start  date   NOT NULL,
    category_id   text   NOT NULL,
    budgeted      bigint NOT NULL,
    activity      bigint NOT NULL,
    carried_in    bigint NOT NULL,
    available     bigint NOT NULL,
    PRIMARY KEY (workspace_id, currency_code, period_start, category_id)
);

-- Per budget and period: income, to-budget, overspent, held.
CREATE TABLE budget_period_totals
(
    workspace_id  text   NOT NULL,
    currency_code text   NOT NULL,
    period_start  date   NOT NULL,
    period_end    date   NOT NULL,
    income        bigint NOT NULL,
    uncategorized bigint NOT NULL,
    budgeted      bigint NOT NULL,
    activity      bigint NOT NULL,
    to_budget     bigint NOT NULL,
    overspent     bigint NOT NULL,
    held          bigint NOT NULL,
    closing       jsonb  NOT NULL,
    PRIMARY KEY (workspace_id, currency_code, period_start)
);
