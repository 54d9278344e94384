set encoding utf8
set terminal pngcairo enhanced size 1800,850 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 1,2 title "claustre_thm53_tv_mixture: Seed 004 Theorem 5.3: TV bound of the generative SDE, on Gaussian mixtures\nseed 004 (Claustre report), Section 5.1, Theorem 5.3 (proof Appendix B.1); after Tang and Zhao (2024)\nsolid, filled dots: exact TV(data, sampler output)     dashed: bound" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "additive score error eps  (pair a = 2, var 0.25; standard OU, T = 2)" noenhanced
set ylabel "TV(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous (ei, N = 200, 400), pair a=2 var=0.25, T=2', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "horizon T  (pair a = 2, var 0.25; standard OU, eps = 0.05)" noenhanced
set ylabel "TV(data, sampler output)" noenhanced
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.05, 0.1, 0.2)
plot 'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous (ei, N = 200, 400), pair a=2 var=0.25, eps=0.05', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
