/**
 * The scale-out example: one application meant to run as several instances behind nginx, sharing its chat, its
 * event feed, its sessions and its rate limit through Redis (or, alone, through memory).
 */
package org.pagi.examples.scaleout;
