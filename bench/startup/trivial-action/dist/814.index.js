export const id = 814;
export const ids = [814];
export const modules = {

/***/ 4814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CONFIG_SCHEMA: () => (/* binding */ CONFIG_SCHEMA)
});

;// CONCATENATED MODULE: ./build/schema/shipgate.schema.json
const shipgate_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/shipgate/shipgate/schema/shipgate.schema.json","title":"Shipgate configuration (.github/shipgate.yml)","description":"Environments and their thresholds, and defaults for each action\'s inputs. A step input, when given, overrides the file.","type":"object","additionalProperties":false,"properties":{"version":{"description":"Version of this file\'s format.","type":"integer","enum":[1]},"environments":{"description":"Per-environment thresholds and input defaults, chosen by each action\'s `environment` input.","type":"object","additionalProperties":{"$ref":"#/definitions/environment"}}},"definitions":{"environment":{"type":"object","additionalProperties":false,"properties":{"max-critical":{"description":"Critical vulnerabilities allowed.","type":"integer","minimum":0},"max-high":{"description":"High vulnerabilities allowed.","type":"integer","minimum":0},"max-error-rate":{"description":"Highest acceptable error rate in percent (1 means 1%).","type":"number","minimum":0,"maximum":100},"max-p95-ms":{"description":"Highest acceptable p95 latency in milliseconds.","type":"number","exclusiveMinimum":0}}},"inputValue":{"description":"An input value: as in a step\'s `with:` block, or a list for list inputs.","type":["string","number","boolean","array"],"items":{"type":["string","number","boolean"]}}}}');
;// CONCATENATED MODULE: ./build/packages/kit/src/config-schema.js

/** The JSON Schema of `.github/shipgate.yml`, shipped at `schema/shipgate.schema.json` for editors too. */
const CONFIG_SCHEMA = shipgate_schema_namespaceObject;


/***/ })

};
