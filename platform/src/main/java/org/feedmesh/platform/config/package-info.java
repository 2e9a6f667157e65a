/**
 * Option defaults for every command from {@code FEEDMESH_*} environment variables and a config
 * file.
 */
package org.feedmesh.platform.config;
