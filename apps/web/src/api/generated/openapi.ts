/**
 * Generated from packages/api/openapi.json by `pnpm --filter @aispm/web generate:api` (openapi-typescript).
 * Do not edit: change the API's zod schemas (packages/api/src/contract) and regenerate.
 */

export interface paths {
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected cloud accounts */
        get: {
            parameters: {
                query?: {
                    provider?: "aws" | "azure" | "gcp";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CloudAccount"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Connect an account (connection settings only: no secrets are accepted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        connection?: {
                            /** Format: uri */
                            endpoint?: string;
                            externalIdRequired?: boolean;
                            regions?: string[];
                            roleName?: string;
                        };
                        enabled?: boolean;
                        externalId: string;
                        name: string;
                        /** @enum {string} */
                        provider: "aws";
                    } | {
                        connection: {
                            /** Format: uuid */
                            clientId?: string;
                            /** Format: uri */
                            endpoint?: string;
                            regions?: string[];
                            /** Format: uuid */
                            tenantId: string;
                        };
                        enabled?: boolean;
                        /** Format: uuid */
                        externalId: string;
                        name: string;
                        /** @enum {string} */
                        provider: "azure";
                    } | {
                        /** @default {} */
                        connection?: {
                            /** Format: uri */
                            endpoint?: string;
                            organizationId?: string;
                            regions?: string[];
                            /** Format: email */
                            serviceAccountEmail?: string;
                        };
                        enabled?: boolean;
                        externalId: string;
                        name: string;
                        /** @enum {string} */
                        provider: "gcp";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CloudAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CloudAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, enable/disable or change the connection settings of an account */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Validated against the account provider */
                        connection?: {
                            [key: string]: unknown;
                        };
                        enabled?: boolean;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CloudAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/ai-usage-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AI usage policy in force (shadow AI is what falls outside it) and its version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsagePolicyState"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Put a new version of the AI usage policy in force (judged from the next evaluation on); `{}` rules nothing out */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AiUsagePolicyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsagePolicyState"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assets of the graph, ordered by id, with filters and cursor pagination */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Opaque cursor: `nextCursor` of the previous page */
                    cursor?: string;
                    includeRemoved?: "true" | "false";
                    /** @description One kind or a comma-separated list */
                    kind?: string | string[];
                    /** @description Page size, 1–500 */
                    limit?: number;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Case-insensitive substring of name or id */
                    q?: string;
                    region?: string;
                    /** @description `key:value` */
                    tag?: string;
                    /** @description AI resources against the AI usage policy, as of the latest evaluation: `unapproved` (a shadow-AI finding), `unknown` (not judged: no policy, or a model of unknown maker while approved models are listed), `approved` */
                    usage?: "approved" | "unapproved" | "unknown";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Asset"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One asset (URL-encoded id) with its graph neighbourhood and findings */
        get: {
            parameters: {
                query?: {
                    depth?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An asset's fact history (drift), newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetHistory"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attack-paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Attack paths ranked by score */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque cursor: `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Only paths of this kind */
                    kind?: "exposure" | "poisoning" | "theft";
                    /** @description Page size, 1–200 */
                    limit?: number;
                    status?: "open" | "resolved";
                    /** @description Crown-jewel asset id */
                    target?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AttackPath"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attack-paths/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One attack path with its hops */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttackPath"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attack-paths/choke-points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fixes that cut the most attack paths, from the latest evaluation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evaluationId: string | null;
                            items: components["schemas"]["ChokePoint"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change made through the API, newest first */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    /** @description Opaque cursor: `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Page size, 1–500 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent evaluations, oldest first: the data of the trend chart */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Evaluation"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Re-run the policy engine and attack-path finder on the current graph */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Evaluation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest finished evaluation and its summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Evaluation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/aibom.cdx.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CycloneDX 1.6 ML-BOM of the AI inventory, lineage as dependencies, findings as vulnerabilities (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/vnd.cyclonedx+json */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/assessment-results.oscal.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OSCAL 1.1.3 assessment results for one framework (default owasp-llm-2025) (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/json (OSCAL assessment-results) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/compliance.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-control status of every framework, as CSV */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/compliance.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-control status of every framework, as JSON */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/json */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/findings.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Findings as CSV (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/findings.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Findings as a JSON array (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/json array of findings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/findings.ocsf.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OCSF 1.8.0 JSON Lines: a Detection Finding (2004) per finding, a Compliance Finding (2003) per control (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/x-ndjson */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/findings.sarif": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active and suppressed findings as SARIF 2.1.0 (one run, every rule) (streamed; the filters of GET /findings) */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/sarif+json */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/oscal-catalogs/{framework}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of aispm's frameworks as an OSCAL 1.1.3 catalog (the control ids of the assessment results) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    framework: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/json (OSCAL catalog) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Findings with filters, sorted by risk/severity/lastSeen, keyset-paginated */
        get: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description Asset id */
                    asset?: string;
                    /** @description A framework control, e.g. `LLM03:2025` */
                    control?: string;
                    /** @description Opaque cursor: `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Only findings of rules mapped to the framework, e.g. `owasp-llm-2025` */
                    framework?: string;
                    /** @description Page size, 1–500 */
                    limit?: number;
                    provider?: "aws" | "azure" | "gcp";
                    /** @description Text search (case-insensitive) in title, rule id, asset id and asset name */
                    q?: string;
                    /** @description Rule id(s) */
                    rule?: string | string[];
                    /** @description One severity or a comma-separated list */
                    severity?: string | string[];
                    /** @description risk (default), severity, or lastSeen; all descending */
                    sort?: "risk" | "severity" | "lastSeen";
                    /** @description One status or a comma-separated list */
                    status?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Finding"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finding with its evidence, rule metadata and status history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/{id}/suppress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suppress a finding (accepted risk), optionally until a date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/{id}/unsuppress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a suppression */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/frameworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compliance frameworks with control counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["FrameworkSummary"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/frameworks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-control status of one framework */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FrameworkDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/governance/answers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Answer a question the platform cannot see (self-assessment question or maturity criterion) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A question or criterion the user answers (`q4`, `q10`, `s3-red-team-ci` …) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        answer: "yes" | "no" | "partly";
                        /** @description Why, or where the evidence is kept */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserAnswer"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Withdraw an answer (the question scores as unanswered again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A question or criterion the user answers (`q4`, `q10`, `s3-red-team-ci` …) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inventory/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** AI inventory: live asset counts by provider × kind and by account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InventorySummary"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maturity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AI security maturity stage (1–4) with the criteria met and missing for the next one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Maturity"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: tenant, token name and role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rule catalog, with remediation for each cloud a rule applies to */
        get: {
            parameters: {
                query?: {
                    /** @description Only rules mapped to this framework */
                    framework?: string;
                    /** @description Only rules that apply to this cloud */
                    provider?: "aws" | "azure" | "gcp";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Rule"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scans, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque cursor: `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Page size, 1–200 */
                    limit?: number;
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Scan"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Start a scan (returns at once; follow it with GET /scans/{id}) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        scope?: components["schemas"]["ScanScopeInput"];
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scanId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A scan with live progress counters, its tasks (failed ones first, with their errors) and its coverage gaps */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScanDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running scan */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            cancelled: true;
                            scanId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed against the previous successful scan of the same scope: assets, findings, attack paths, choke points */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScanChanges"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scan schedules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Schedule"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One schedule */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Create or replace a schedule */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cron: string;
                        scope?: components["schemas"]["ScanScopeInput"];
                        /** @default UTC */
                        timezone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a schedule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/self-assessment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ten self-assessment questions answered from evidence (and by you), scored with their band */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SelfAssessment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens of the tenant (never their values) */
        get: {
            parameters: {
                query?: {
                    includeRevoked?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a token; its value is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "analyst" | "auditor" | "scanner";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiToken"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token (effective immediately) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiToken"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Process liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics: HTTP requests, findings and scans gauges */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database is reachable */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AiUsagePolicy: {
            /** @description AWS accounts, Azure subscriptions and GCP projects allowed to run AI resources (ids, `*` allowed) */
            aiAccounts?: string[];
            /** @description Models that may be deployed, by the id their maker gives them (`anthropic.claude-3-5-sonnet*`, `gpt-4o*`, `meta-llama/*`) */
            approvedModels?: string[];
            /** @description Regions / locations AI resources may run in (`*` matches any run of characters, e.g. `eu-*`) */
            approvedRegions?: string[];
            /** @description Tag (label) keys of which every AI resource must carry at least one with a value, e.g. `owner` */
            requiredOwnerTags?: string[];
        };
        AiUsagePolicyInput: {
            /** @description AWS accounts, Azure subscriptions and GCP projects allowed to run AI resources (ids, `*` allowed) */
            aiAccounts?: string[];
            /** @description Models that may be deployed, by the id their maker gives them (`anthropic.claude-3-5-sonnet*`, `gpt-4o*`, `meta-llama/*`) */
            approvedModels?: string[];
            /** @description Regions / locations AI resources may run in (`*` matches any run of characters, e.g. `eu-*`) */
            approvedRegions?: string[];
            /** @description Tag (label) keys of which every AI resource must carry at least one with a value, e.g. `owner` */
            requiredOwnerTags?: string[];
        };
        ApiToken: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "analyst" | "auditor" | "scanner";
        };
        ApiTokenInput: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "analyst" | "auditor" | "scanner";
        };
        AssessmentAnswer: {
            /** @description null: unanswered, or nothing to answer from yet (scores as "no") */
            answer: ("yes" | "no" | "partly") | null;
            /** @description What "yes" takes, in the platform's terms */
            basis: string;
            evidence: components["schemas"]["EvidenceItem"][];
            id: string;
            number: number;
            points: number;
            question: string;
            /** @enum {string} */
            source: "platform" | "user";
            /** @enum {string} */
            status: "answered" | "unanswered" | "not-evaluated";
            userAnswer: components["schemas"]["UserAnswer"] | null;
        };
        AssessmentAnswerInput: {
            /** @description null: unanswered, or nothing to answer from yet (scores as "no") */
            answer: ("yes" | "no" | "partly") | null;
            /** @description What "yes" takes, in the platform's terms */
            basis: string;
            evidence: components["schemas"]["EvidenceItemInput"][];
            id: string;
            number: number;
            points: number;
            question: string;
            /** @enum {string} */
            source: "platform" | "user";
            /** @enum {string} */
            status: "answered" | "unanswered" | "not-evaluated";
            userAnswer: components["schemas"]["UserAnswerInput"] | null;
        };
        Asset: {
            accountId: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            kind: string;
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            name: string;
            nativeType: string;
            provider: string;
            region: string;
            removedAt: string | null;
            tags: {
                [key: string]: string;
            };
        };
        AssetDetail: {
            accountId: string;
            findings: components["schemas"]["Finding"][];
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            kind: string;
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            name: string;
            nativeType: string;
            neighbourhood: {
                assets: components["schemas"]["Asset"][];
                depth: number;
                edges: components["schemas"]["Edge"][];
                truncated: boolean;
            };
            properties: {
                [key: string]: unknown;
            };
            provider: string;
            region: string;
            removedAt: string | null;
            tags: {
                [key: string]: string;
            };
        };
        AssetDetailInput: {
            accountId: string;
            findings: components["schemas"]["FindingInput"][];
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            kind: string;
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            name: string;
            nativeType: string;
            neighbourhood: {
                assets: components["schemas"]["AssetInput"][];
                depth: number;
                edges: components["schemas"]["EdgeInput"][];
                truncated: boolean;
            };
            properties: {
                [key: string]: unknown;
            };
            provider: string;
            region: string;
            removedAt: string | null;
            tags: {
                [key: string]: string;
            };
        };
        AssetDrift: {
            accountId: string;
            assetId: string;
            /** @enum {string} */
            change: "added" | "removed" | "changed";
            /** @description The facts that differ: fact → {from, to} */
            facts: {
                [key: string]: components["schemas"]["FactChange"];
            };
            kind: string;
            name: string | null;
            provider: string;
        };
        AssetDriftInput: {
            accountId: string;
            assetId: string;
            /** @enum {string} */
            change: "added" | "removed" | "changed";
            /** @description The facts that differ: fact → {from, to} */
            facts: {
                [key: string]: components["schemas"]["FactChangeInput"];
            };
            kind: string;
            name: string | null;
            provider: string;
        };
        AssetHistory: {
            items: {
                /** @description ISO 8601 timestamp */
                at: string;
                change: string;
                /** @description The facts that differ: fact → {from, to} */
                facts: {
                    [key: string]: components["schemas"]["FactChange"];
                };
            }[];
        };
        AssetHistoryInput: {
            items: {
                /** @description ISO 8601 timestamp */
                at: string;
                change: string;
                /** @description The facts that differ: fact → {from, to} */
                facts: {
                    [key: string]: components["schemas"]["FactChangeInput"];
                };
            }[];
        };
        AssetInput: {
            accountId: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            kind: string;
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            name: string;
            nativeType: string;
            provider: string;
            region: string;
            removedAt: string | null;
            tags: {
                [key: string]: string;
            };
        };
        AttackPath: {
            entryId: string;
            entryName: string | null;
            fingerprint: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            hops: {
                assetId: string;
                kind?: string;
                name?: string;
                via?: string | null;
            }[];
            id: string;
            impact: number;
            /**
             * @description What the route does to its crown jewel: poisoning (written data flows into it along the lineage), theft (it ends reading it or invoking the model behind it), exposure (any other reach)
             * @enum {string}
             */
            kind: "exposure" | "poisoning" | "theft";
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            length: number;
            likelihood: number;
            resolvedAt: string | null;
            score: number;
            status: string;
            targetId: string;
            targetName: string | null;
        };
        AttackPathInput: {
            entryId: string;
            entryName: string | null;
            fingerprint: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            hops: {
                assetId: string;
                kind?: string;
                name?: string;
                via?: string | null;
            }[];
            id: string;
            impact: number;
            /**
             * @description What the route does to its crown jewel: poisoning (written data flows into it along the lineage), theft (it ends reading it or invoking the model behind it), exposure (any other reach)
             * @enum {string}
             */
            kind: "exposure" | "poisoning" | "theft";
            /** @description ISO 8601 timestamp */
            lastSeenAt: string;
            length: number;
            likelihood: number;
            resolvedAt: string | null;
            score: number;
            status: string;
            targetId: string;
            targetName: string | null;
        };
        AuditEntry: {
            action: string;
            actor: string;
            /** @description ISO 8601 timestamp */
            at: string;
            details: {
                [key: string]: unknown;
            };
            id: number;
            target: string | null;
        };
        AuditEntryInput: {
            action: string;
            actor: string;
            /** @description ISO 8601 timestamp */
            at: string;
            details: {
                [key: string]: unknown;
            };
            id: number;
            target: string | null;
        };
        ChokePoint: {
            assetId: string;
            cuts: number;
            kind: string | null;
            name: string | null;
            paths: string[];
        };
        ChokePointDrift: {
            assetId: string;
            /** @enum {string} */
            change: "new" | "gone" | "moved";
            cutsAfter: number;
            cutsBefore: number;
        };
        ChokePointDriftInput: {
            assetId: string;
            /** @enum {string} */
            change: "new" | "gone" | "moved";
            cutsAfter: number;
            cutsBefore: number;
        };
        ChokePointInput: {
            assetId: string;
            cuts: number;
            kind: string | null;
            name: string | null;
            paths: string[];
        };
        CloudAccount: {
            connection: {
                [key: string]: unknown;
            };
            /** @description ISO 8601 timestamp */
            createdAt: string;
            enabled: boolean;
            externalId: string;
            id: string;
            name: string;
            orgPath: string[];
            parentExternalId: string | null;
            provider: string;
            /** @description ISO 8601 timestamp */
            updatedAt: string;
        };
        CloudAccountInput: {
            connection: {
                [key: string]: unknown;
            };
            /** @description ISO 8601 timestamp */
            createdAt: string;
            enabled: boolean;
            externalId: string;
            id: string;
            name: string;
            orgPath: string[];
            parentExternalId: string | null;
            provider: string;
            /** @description ISO 8601 timestamp */
            updatedAt: string;
        };
        Control: {
            failing: number;
            id: string;
            passing: number;
            reason?: string;
            rules: string[];
            /** @enum {string} */
            status: "fail" | "pass" | "no-data" | "not-evaluated" | "not-evidenceable";
            suppressed: number;
            title: string;
        };
        ControlInput: {
            failing: number;
            id: string;
            passing: number;
            reason?: string;
            rules: string[];
            /** @enum {string} */
            status: "fail" | "pass" | "no-data" | "not-evaluated" | "not-evidenceable";
            suppressed: number;
            title: string;
        };
        CoverageGap: {
            accountId: string;
            count: number;
            errorCode: string;
            message: string;
            operation: string;
            permission: string;
            provider: string;
            region: string;
            scope: string;
            service: string;
        };
        CoverageGapInput: {
            accountId: string;
            count: number;
            errorCode: string;
            message: string;
            operation: string;
            permission: string;
            provider: string;
            region: string;
            scope: string;
            service: string;
        };
        CreatedApiToken: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "analyst" | "auditor" | "scanner";
            /** @description The token value: shown in this response only */
            token: string;
        };
        CreatedApiTokenInput: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "analyst" | "auditor" | "scanner";
            /** @description The token value: shown in this response only */
            token: string;
        };
        Edge: {
            from: string;
            id: string;
            kind: string;
            properties: {
                [key: string]: unknown;
            };
            to: string;
        };
        EdgeInput: {
            from: string;
            id: string;
            kind: string;
            properties: {
                [key: string]: unknown;
            };
            to: string;
        };
        Error: {
            error: string;
            issues?: {
                location: string;
                message: string;
            }[];
            message: string;
            statusCode: number;
        };
        ErrorInput: {
            error: string;
            issues?: {
                location: string;
                message: string;
            }[];
            message: string;
            statusCode: number;
        };
        Evaluation: {
            finishedAt: string | null;
            id: string;
            scanId: string | null;
            /** @description ISO 8601 timestamp */
            startedAt: string;
            summary: components["schemas"]["EvaluationSummary"];
        };
        EvaluationInput: {
            finishedAt: string | null;
            id: string;
            scanId: string | null;
            /** @description ISO 8601 timestamp */
            startedAt: string;
            summary: components["schemas"]["EvaluationSummaryInput"];
        };
        EvaluationSummary: {
            /** @description Open attack paths found */
            attackPaths?: number;
            findings?: {
                bySeverity?: {
                    [key: string]: number;
                };
                byStatus?: {
                    [key: string]: number;
                };
            } & {
                [key: string]: unknown;
            };
            /** @description Rules evaluated */
            rules?: number;
        } & {
            [key: string]: unknown;
        };
        EvaluationSummaryInput: {
            /** @description Open attack paths found */
            attackPaths?: number;
            findings?: {
                bySeverity?: {
                    [key: string]: number;
                };
                byStatus?: {
                    [key: string]: number;
                };
            } & {
                [key: string]: unknown;
            };
            /** @description Rules evaluated */
            rules?: number;
        } & {
            [key: string]: unknown;
        };
        Evidence: {
            edges?: components["schemas"]["EvidenceEdge"][];
            properties?: {
                [key: string]: unknown;
            };
            related?: string[];
        } & {
            [key: string]: unknown;
        };
        EvidenceEdge: {
            from: string;
            id?: string;
            kind: string;
            properties?: {
                [key: string]: unknown;
            };
            to: string;
        };
        EvidenceEdgeInput: {
            from: string;
            id?: string;
            kind: string;
            properties?: {
                [key: string]: unknown;
            };
            to: string;
        };
        EvidenceInput: {
            edges?: components["schemas"]["EvidenceEdgeInput"][];
            properties?: {
                [key: string]: unknown;
            };
            related?: string[];
        } & {
            [key: string]: unknown;
        };
        EvidenceItem: {
            /** @description Up to ten example assets */
            assetIds?: string[];
            count: number;
            label: string;
            ruleIds?: string[];
        };
        EvidenceItemInput: {
            /** @description Up to ten example assets */
            assetIds?: string[];
            count: number;
            label: string;
            ruleIds?: string[];
        };
        FactChange: {
            from: unknown;
            to: unknown;
        };
        FactChangeInput: {
            from: unknown;
            to: unknown;
        };
        Finding: {
            accountId: string;
            assetId: string;
            assetKind: string | null;
            assetName: string | null;
            controls: string[];
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            /** @description When the rule last saw it failing: for an open, reopened or suppressed finding, the latest evaluation */
            lastSeenAt: string;
            provider: string;
            region: string;
            resolvedAt: string | null;
            riskReasons: unknown[];
            riskScore: number;
            ruleId: string;
            severity: string;
            status: string;
            suppressedBy: string | null;
            suppressedUntil: string | null;
            suppressReason: string | null;
            title: string;
        };
        FindingDetail: {
            accountId: string;
            assetId: string;
            assetKind: string | null;
            assetName: string | null;
            controls: string[];
            evidence: components["schemas"]["Evidence"];
            fingerprint: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            history: {
                actor: string;
                /** @description ISO 8601 timestamp */
                at: string;
                fromStatus: string | null;
                id: string;
                reason: string | null;
                toStatus: string;
            }[];
            id: string;
            lastEvaluationId: string | null;
            /** @description When the rule last saw it failing: for an open, reopened or suppressed finding, the latest evaluation */
            lastSeenAt: string;
            provider: string;
            region: string;
            resolvedAt: string | null;
            riskReasons: unknown[];
            riskScore: number;
            rule: components["schemas"]["FindingRule"] | null;
            ruleId: string;
            severity: string;
            status: string;
            suppressedBy: string | null;
            suppressedUntil: string | null;
            suppressReason: string | null;
            title: string;
        };
        FindingDetailInput: {
            accountId: string;
            assetId: string;
            assetKind: string | null;
            assetName: string | null;
            controls: string[];
            evidence: components["schemas"]["EvidenceInput"];
            fingerprint: string;
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            history: {
                actor: string;
                /** @description ISO 8601 timestamp */
                at: string;
                fromStatus: string | null;
                id: string;
                reason: string | null;
                toStatus: string;
            }[];
            id: string;
            lastEvaluationId: string | null;
            /** @description When the rule last saw it failing: for an open, reopened or suppressed finding, the latest evaluation */
            lastSeenAt: string;
            provider: string;
            region: string;
            resolvedAt: string | null;
            riskReasons: unknown[];
            riskScore: number;
            rule: components["schemas"]["FindingRuleInput"] | null;
            ruleId: string;
            severity: string;
            status: string;
            suppressedBy: string | null;
            suppressedUntil: string | null;
            suppressReason: string | null;
            title: string;
        };
        FindingDrift: {
            assetId: string;
            /** @enum {string} */
            change: "opened" | "resolved" | "reopened";
            findingId: string;
            ruleId: string;
            severity: string;
            title: string;
        };
        FindingDriftInput: {
            assetId: string;
            /** @enum {string} */
            change: "opened" | "resolved" | "reopened";
            findingId: string;
            ruleId: string;
            severity: string;
            title: string;
        };
        FindingInput: {
            accountId: string;
            assetId: string;
            assetKind: string | null;
            assetName: string | null;
            controls: string[];
            /** @description ISO 8601 timestamp */
            firstSeenAt: string;
            id: string;
            /** @description When the rule last saw it failing: for an open, reopened or suppressed finding, the latest evaluation */
            lastSeenAt: string;
            provider: string;
            region: string;
            resolvedAt: string | null;
            riskReasons: unknown[];
            riskScore: number;
            ruleId: string;
            severity: string;
            status: string;
            suppressedBy: string | null;
            suppressedUntil: string | null;
            suppressReason: string | null;
            title: string;
        };
        FindingRule: {
            /** @description The risk concepts it detects */
            concepts?: string[];
            enabledByDefault?: boolean;
            id: string;
            /** @description The asset kinds it judges */
            kinds?: string[];
            mappings?: {
                [key: string]: string[];
            };
            /** @description The same check in peer tools */
            peers?: string[];
            /** @description The clouds the rule applies to */
            providers?: ("aws" | "azure" | "gcp")[];
            rationale?: string;
            references?: string[];
            /** @description For the finding's provider */
            remediation?: components["schemas"]["Remediation"];
            severity?: string;
            title: string;
        };
        FindingRuleInput: {
            /** @description The risk concepts it detects */
            concepts?: string[];
            enabledByDefault?: boolean;
            id: string;
            /** @description The asset kinds it judges */
            kinds?: string[];
            mappings?: {
                [key: string]: string[];
            };
            /** @description The same check in peer tools */
            peers?: string[];
            /** @description The clouds the rule applies to */
            providers?: ("aws" | "azure" | "gcp")[];
            rationale?: string;
            references?: string[];
            /** @description For the finding's provider */
            remediation?: components["schemas"]["RemediationInput"];
            severity?: string;
            title: string;
        };
        FrameworkDetail: {
            controls: components["schemas"]["Control"][];
            id: string;
            title: string;
            version: string | null;
        };
        FrameworkDetailInput: {
            controls: components["schemas"]["ControlInput"][];
            id: string;
            title: string;
            version: string | null;
        };
        FrameworkSummary: {
            controls: number;
            evidenced: number;
            failing: number;
            id: string;
            noData: number;
            notEvaluated: number;
            notEvidenceable: number;
            passing: number;
            title: string;
            version: string | null;
        };
        FrameworkSummaryInput: {
            controls: number;
            evidenced: number;
            failing: number;
            id: string;
            noData: number;
            notEvaluated: number;
            notEvidenceable: number;
            passing: number;
            title: string;
            version: string | null;
        };
        GovernanceTrendPoint: {
            /** @description ISO 8601 timestamp */
            at: string;
            band: string;
            evaluationId: string;
            score: number;
            stage: number;
        };
        GovernanceTrendPointInput: {
            /** @description ISO 8601 timestamp */
            at: string;
            band: string;
            evaluationId: string;
            score: number;
            stage: number;
        };
        InventorySummary: {
            byAccount: {
                accountId: string;
                count: number;
                provider: string;
            }[];
            byKind: {
                [key: string]: number;
            };
            byProvider: {
                [key: string]: number;
            };
            byProviderKind: {
                count: number;
                kind: string;
                provider: string;
            }[];
            total: number;
        };
        InventorySummaryInput: {
            byAccount: {
                accountId: string;
                count: number;
                provider: string;
            }[];
            byKind: {
                [key: string]: number;
            };
            byProvider: {
                [key: string]: number;
            };
            byProviderKind: {
                count: number;
                kind: string;
                provider: string;
            }[];
            total: number;
        };
        Maturity: {
            criteria: components["schemas"]["MaturityCriterion"][];
            name: string;
            /** @description The next stage and what it still takes; null at stage 4 */
            next: {
                met: components["schemas"]["MaturityCriterion"][];
                missing: components["schemas"]["MaturityCriterion"][];
                name: string;
                stage: number;
            } | null;
            stage: number;
            trend: components["schemas"]["GovernanceTrendPoint"][];
        };
        MaturityCriterion: {
            evidence: string;
            id: string;
            met: boolean;
            /** @enum {string} */
            source: "platform" | "user";
            stage: number;
            title: string;
            userAnswer: components["schemas"]["UserAnswer"] | null;
        };
        MaturityCriterionInput: {
            evidence: string;
            id: string;
            met: boolean;
            /** @enum {string} */
            source: "platform" | "user";
            stage: number;
            title: string;
            userAnswer: components["schemas"]["UserAnswerInput"] | null;
        };
        MaturityInput: {
            criteria: components["schemas"]["MaturityCriterionInput"][];
            name: string;
            /** @description The next stage and what it still takes; null at stage 4 */
            next: {
                met: components["schemas"]["MaturityCriterionInput"][];
                missing: components["schemas"]["MaturityCriterionInput"][];
                name: string;
                stage: number;
            } | null;
            stage: number;
            trend: components["schemas"]["GovernanceTrendPointInput"][];
        };
        Me: {
            name: string;
            role: string;
            tenant: components["schemas"]["Tenant"];
            tokenId: string;
        };
        MeInput: {
            name: string;
            role: string;
            tenant: components["schemas"]["TenantInput"];
            tokenId: string;
        };
        PathDrift: {
            /** @enum {string} */
            change: "new" | "gone";
            entryId: string;
            length: number;
            pathId: string;
            score: number;
            targetId: string;
        };
        PathDriftInput: {
            /** @enum {string} */
            change: "new" | "gone";
            entryId: string;
            length: number;
            pathId: string;
            score: number;
            targetId: string;
        };
        Remediation: {
            cli?: string;
            /** @description Console steps */
            console?: string[];
            terraform?: string;
        };
        RemediationByProvider: {
            aws?: components["schemas"]["Remediation"];
            azure?: components["schemas"]["Remediation"];
            gcp?: components["schemas"]["Remediation"];
        };
        RemediationByProviderInput: {
            aws?: components["schemas"]["RemediationInput"];
            azure?: components["schemas"]["RemediationInput"];
            gcp?: components["schemas"]["RemediationInput"];
        };
        RemediationInput: {
            cli?: string;
            /** @description Console steps */
            console?: string[];
            terraform?: string;
        };
        Rule: {
            /** @description The risk concepts it detects */
            concepts?: string[];
            enabledByDefault?: boolean;
            id: string;
            /** @description The asset kinds it judges */
            kinds?: string[];
            mappings?: {
                [key: string]: string[];
            };
            /** @description The same check in peer tools */
            peers?: string[];
            /** @description The clouds the rule applies to */
            providers?: ("aws" | "azure" | "gcp")[];
            rationale?: string;
            references?: string[];
            remediation?: components["schemas"]["RemediationByProvider"];
            severity?: string;
            title: string;
        };
        RuleInput: {
            /** @description The risk concepts it detects */
            concepts?: string[];
            enabledByDefault?: boolean;
            id: string;
            /** @description The asset kinds it judges */
            kinds?: string[];
            mappings?: {
                [key: string]: string[];
            };
            /** @description The same check in peer tools */
            peers?: string[];
            /** @description The clouds the rule applies to */
            providers?: ("aws" | "azure" | "gcp")[];
            rationale?: string;
            references?: string[];
            remediation?: components["schemas"]["RemediationByProviderInput"];
            severity?: string;
            title: string;
        };
        Scan: {
            assetsRemoved: number;
            assetsSeen: number;
            assetsWritten: number;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            id: string;
            scope: {
                [key: string]: unknown;
            };
            startedAt: string | null;
            status: string;
            tasksDone: number;
            tasksFailed: number;
            tasksTotal: number;
            trigger: string;
        };
        ScanChanges: {
            assets: components["schemas"]["AssetDrift"][];
            attackPaths: components["schemas"]["PathDrift"][];
            chokePoints: components["schemas"]["ChokePointDrift"][];
            /** @description `group.change` → how many (`assets.added` …) */
            counts: {
                [key: string]: number;
            };
            findings: components["schemas"]["FindingDrift"][];
            from: string | null;
            /** @description The previous successful scan of the same scope; null for the first (nothing to compare with) */
            previousScanId: string | null;
            scanId: string;
            /** @description ISO 8601 timestamp */
            to: string;
        };
        ScanChangesInput: {
            assets: components["schemas"]["AssetDriftInput"][];
            attackPaths: components["schemas"]["PathDriftInput"][];
            chokePoints: components["schemas"]["ChokePointDriftInput"][];
            /** @description `group.change` → how many (`assets.added` …) */
            counts: {
                [key: string]: number;
            };
            findings: components["schemas"]["FindingDriftInput"][];
            from: string | null;
            /** @description The previous successful scan of the same scope; null for the first (nothing to compare with) */
            previousScanId: string | null;
            scanId: string;
            /** @description ISO 8601 timestamp */
            to: string;
        };
        ScanDetail: {
            assetsRemoved: number;
            assetsSeen: number;
            assetsWritten: number;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            gaps: components["schemas"]["CoverageGap"][];
            id: string;
            scope: {
                [key: string]: unknown;
            };
            startedAt: string | null;
            status: string;
            tasks: components["schemas"]["ScanTask"][];
            tasksDone: number;
            tasksFailed: number;
            tasksTotal: number;
            trigger: string;
        };
        ScanDetailInput: {
            assetsRemoved: number;
            assetsSeen: number;
            assetsWritten: number;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            gaps: components["schemas"]["CoverageGapInput"][];
            id: string;
            scope: {
                [key: string]: unknown;
            };
            startedAt: string | null;
            status: string;
            tasks: components["schemas"]["ScanTaskInput"][];
            tasksDone: number;
            tasksFailed: number;
            tasksTotal: number;
            trigger: string;
        };
        ScanInput: {
            assetsRemoved: number;
            assetsSeen: number;
            assetsWritten: number;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            id: string;
            scope: {
                [key: string]: unknown;
            };
            startedAt: string | null;
            status: string;
            tasksDone: number;
            tasksFailed: number;
            tasksTotal: number;
            trigger: string;
        };
        ScanScope: {
            /** @description Account ids; all when absent */
            accounts?: string[];
            /** @enum {string} */
            provider?: "aws" | "azure" | "gcp";
        };
        ScanScopeInput: {
            /** @description Account ids; all when absent */
            accounts?: string[];
            /** @enum {string} */
            provider?: "aws" | "azure" | "gcp";
        };
        ScanTask: {
            accountId: string;
            assetsSeen: number;
            attempts: number;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            id: string;
            provider: string;
            region: string;
            service: string;
            startedAt: string | null;
            status: string;
            throttled: number;
        };
        ScanTaskInput: {
            accountId: string;
            assetsSeen: number;
            attempts: number;
            edgesSeen: number;
            error: string | null;
            finishedAt: string | null;
            id: string;
            provider: string;
            region: string;
            service: string;
            startedAt: string | null;
            status: string;
            throttled: number;
        };
        Schedule: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            cron: string;
            enabled: boolean;
            id: string;
            lastRunAt: string | null;
            name: string;
            scope: {
                [key: string]: unknown;
            };
            timezone: string;
            /** @description ISO 8601 timestamp */
            updatedAt: string;
        };
        ScheduleInput: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            cron: string;
            enabled: boolean;
            id: string;
            lastRunAt: string | null;
            name: string;
            scope: {
                [key: string]: unknown;
            };
            timezone: string;
            /** @description ISO 8601 timestamp */
            updatedAt: string;
        };
        SelfAssessment: {
            answers: components["schemas"]["AssessmentAnswer"][];
            band: {
                advice: string;
                /** @enum {string} */
                id: "advanced" | "moderate" | "high-risk";
                title: string;
            };
            counts: {
                no: number;
                partly: number;
                unanswered: number;
                yes: number;
            };
            /** @description When the evaluation the answers rest on finished */
            evaluatedAt: string | null;
            maxScore: number;
            /** @description 10 points per "no" (and per unanswered question), 5 per "partly" */
            score: number;
            /** @description Score and stage of recent evaluations, oldest first */
            trend: components["schemas"]["GovernanceTrendPoint"][];
        };
        SelfAssessmentInput: {
            answers: components["schemas"]["AssessmentAnswerInput"][];
            band: {
                advice: string;
                /** @enum {string} */
                id: "advanced" | "moderate" | "high-risk";
                title: string;
            };
            counts: {
                no: number;
                partly: number;
                unanswered: number;
                yes: number;
            };
            /** @description When the evaluation the answers rest on finished */
            evaluatedAt: string | null;
            maxScore: number;
            /** @description 10 points per "no" (and per unanswered question), 5 per "partly" */
            score: number;
            /** @description Score and stage of recent evaluations, oldest first */
            trend: components["schemas"]["GovernanceTrendPointInput"][];
        };
        Tenant: {
            id: string;
            name: string;
            slug: string;
        };
        TenantInput: {
            id: string;
            name: string;
            slug: string;
        };
        UsagePolicyState: {
            /** @description Whether the policy in force rules anything out (shadow-AI checks run only then) */
            configured: boolean;
            createdAt: string | null;
            createdBy: string | null;
            /** @description How to set or change the policy */
            howToSet: string;
            policy: components["schemas"]["AiUsagePolicy"];
            /** @description The version in force; null when none was ever set */
            version: number | null;
        };
        UsagePolicyStateInput: {
            /** @description Whether the policy in force rules anything out (shadow-AI checks run only then) */
            configured: boolean;
            createdAt: string | null;
            createdBy: string | null;
            /** @description How to set or change the policy */
            howToSet: string;
            policy: components["schemas"]["AiUsagePolicyInput"];
            /** @description The version in force; null when none was ever set */
            version: number | null;
        };
        UserAnswer: {
            /** @enum {string} */
            answer: "yes" | "no" | "partly";
            /** @description ISO 8601 timestamp */
            answeredAt: string;
            answeredBy: string;
            note: string | null;
        };
        UserAnswerInput: {
            /** @enum {string} */
            answer: "yes" | "no" | "partly";
            /** @description ISO 8601 timestamp */
            answeredAt: string;
            answeredBy: string;
            note: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
