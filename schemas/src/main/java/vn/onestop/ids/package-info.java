/**
 * Syntax rules of ids (units, officials) shared by the directory, the intake, the feeds and the
 * access model; plain Java, no dependency.
 */
package vn.onestop.ids;
