/**
 * Who is calling and what may it do: the one principals model of the intake, the feeds and the
 * admin endpoints ({@link vn.onestop.access.Principal}, {@link vn.onestop.access.Role}, {@link
 * vn.onestop.access.Scope}), its credentials (API keys of a principals file, OIDC/JWT bearer
 * tokens) and the signing table of who may sign which decision, from the law ({@link
 * vn.onestop.access.SigningRules}, rows and articles in {@code signing-rules.csv}; docs/access.md).
 * Free of Kafka and of the generated Avro classes.
 */
package vn.onestop.access;
