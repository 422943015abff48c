// Notebooks as Jupyter writes them (sorted keys, one-space indent, final newline), for the notebook
// tests. Written out by hand so that formatting checks do not compare our serializer with itself.

/** A 1x1 red PNG. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

export const ANALYSIS_NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {},
   "source": [
    "# Analysis\\n",
    "Some *notes*."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "load",
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "loaded 42 rows\\n"
     ]
    },
    {
     "data": {
      "text/plain": [
       "42"
      ]
     },
     "execution_count": 3,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": [
    "rows = load()\\n",
    "len(rows)"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 4,
   "id": "plot",
   "metadata": {},
   "outputs": [
    {
     "data": {
      "image/png": "${TINY_PNG_BASE64}",
      "text/plain": [
       "<Figure size 640x480 with 1 Axes>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    },
    {
     "ename": "ValueError",
     "evalue": "bad value",
     "output_type": "error",
     "traceback": [
      "\\u001b[0;31m---------------------------------------------------------------------------\\u001b[0m",
      "\\u001b[0;31mValueError\\u001b[0m                                Traceback (most recent call last)",
      "Cell \\u001b[0;32mIn[4], line 1\\u001b[0m\\n\\u001b[0;32m----> 1\\u001b[0m plot(rows)",
      "\\u001b[0;31mValueError\\u001b[0m: bad value"
     ]
    }
   ],
   "source": [
    "plot(rows)"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

/** nbformat 4.4: cells have no ids, so tools address them as cell-0, cell-1, … */
export const OLD_NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": [
    "first = 1"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "second"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 4
}
`;
