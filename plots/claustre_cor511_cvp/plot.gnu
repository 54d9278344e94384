set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "claustre_cor511_cvp: Seed 004 Corollary 5.11: W2 bound for CVP, kappa-SLC data\nseed 004 (Claustre report), Section 5.2, Corollary 5.11 (proof Appendix B.5); after Tang and Zhao (2024)\nsolid, filled dots: exact W2^2(data, sampler output)     dashed: bound" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "horizon T (CVP beta 0.1 -> 2 on [0, T]; h optimised)" noenhanced
set ylabel "W2^2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous, N(3,1) (kappa=1), eps=0', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'continuous, N(10,4) (kappa=1/4), eps=0', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'continuous, N(0,0.5) (kappa=2), eps=0.05', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "score error eps (CVP beta 0.1 -> 2 on [0, T], T as labelled; h optimised)" noenhanced
set ylabel "W2^2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous, N(0,0.5) (kappa=2), T=1', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'continuous, N(0,0.5) (kappa=2), T=4', \
     '' index 4 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'continuous, N(3,1) (kappa=1), T=1', \
     '' index 5 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "beta_max of the CVP schedule (linear beta_min -> beta_max on [0, 1], T = 1; h optimised)" noenhanced
set ylabel "W2^2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous, N(3,1) (kappa=1), beta_min=0.1, eps=0', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'continuous, N(3,1) (kappa=1), beta_min=1, eps=0', \
     '' index 7 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'continuous, N(3,1) (kappa=1), beta_min=0.1, eps=0.1', \
     '' index 8 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 8 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 8 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#CC79A7' title 'continuous, N(0,0.5) (kappa=2), beta_min=0.1, eps=0.05', \
     '' index 9 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#CC79A7' notitle, \
     '' index 9 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 9 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "dimension d (preset data, mean 1_d; CVP beta 0.1 -> 2, T = 1, eps = 0.01)" noenhanced
set ylabel "W2^2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (1, 2, 5, 10, 20, 50)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.2, 0.5, 1, 2, 5, 10, 20, 50)
plot 'data.csv' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous, isotropic (kappa=2), T=1', \
     '' index 10 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 10 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 10 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'continuous, heteroscedastic (kappa=1), T=1', \
     '' index 11 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 11 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 11 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'continuous, correlated (kappa=1/lambda_max), T=1', \
     '' index 12 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 12 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 12 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
