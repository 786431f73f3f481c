/**
 * Helpers shared by the api's packages and not part of its contract: not exported by the
 * {@code dev.backprop.api} module, and subject to change without notice on the class path.
 */
package dev.backprop.internal;
