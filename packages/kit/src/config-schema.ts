import schema from '../../../schema/shipgate.schema.json' with { type: 'json' };

/** The JSON Schema of `.github/shipgate.yml`, shipped at `schema/shipgate.schema.json` for editors too. */
export const CONFIG_SCHEMA: object = schema;
